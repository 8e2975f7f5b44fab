package dev.klaxon.respond;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import dev.klaxon.common.PageLinkKeys;
import dev.klaxon.common.SiteSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The responder site: the image's third mode. It holds no credentials of the operator: its
 * ServiceAccount may read incidents (and their runs and rules, for the page) and patch incidents,
 * which an admission policy limits to acknowledging, escalating and resolving. It reads the
 * public key that checks links from the operator's ConfigMap and follows it. Settings come from
 * system properties {@code klaxon.responder-site.*} or the environment ({@code KLAXON_RESPONDER_SITE_*}).
 */
public final class ResponderSiteMain {

    private static final SiteSettings SETTINGS = new SiteSettings("klaxon.responder-site");

    private ResponderSiteMain() {
    }

    public static void main(String[] args) throws Exception {
        SETTINGS.prepareJvm();
        String keyNamespace = SETTINGS.required("key-namespace");
        String keyConfigMap = SETTINGS.get("key-config-map", "klaxon-page-links");
        Clock clock = Clock.systemUTC();

        KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new VertxHttpClientFactory()).build();
        VerifyKey key = new VerifyKey();
        client.configMaps().inNamespace(keyNamespace).withName(keyConfigMap).inform(SiteSettings.following(key::use, gone -> key.use(null)), 0);
        ResponderSite site = new ResponderSite(new ApiIncidents(client), key::get, clock);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        ResponderServer server = new ResponderServer(vertx,
                new InetSocketAddress(SETTINGS.get("host", "0.0.0.0"), Integer.parseInt(SETTINGS.get("port", "8080"))),
                new InetSocketAddress(SETTINGS.get("management-host", SETTINGS.get("host", "0.0.0.0")), Integer.parseInt(SETTINGS.get("management-port", "9000"))),
                Duration.ofSeconds(Long.parseLong(SETTINGS.get("max-request-seconds", "10"))), site, () -> key.get().isPresent(), clock,
                Optional.ofNullable(SETTINGS.get("client-address-header", null)), Optional.ofNullable(SETTINGS.get("slack-signing-secret", null)));
        System.out.println("responder-site: answering page links on port " + server.port() + " with the key of ConfigMap " + keyNamespace + "/"
                + keyConfigMap + ", health and metrics on port " + server.managementPort());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            client.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** The public key now, replaced when the ConfigMap changes (the operator's key was replaced: old links stop working). */
    static final class VerifyKey {
        private volatile Optional<PublicKey> key = Optional.empty();

        void use(ConfigMap map) {
            String text = map == null || map.getData() == null ? null : map.getData().get(PageLinkKeys.CONFIG_MAP_KEY);
            try {
                key = text == null ? Optional.empty() : Optional.of(PageLinkKeys.parsePublic(text));
            } catch (IllegalArgumentException e) {
                System.err.println("responder-site: the ConfigMap's " + PageLinkKeys.CONFIG_MAP_KEY + " is not an Ed25519 public key; links are refused until it is");
                key = Optional.empty();
            }
        }

        Optional<PublicKey> get() {
            return key;
        }
    }
}
