package dev.klaxon.statuspage.site;

import dev.klaxon.common.Cidr;
import dev.klaxon.common.SiteSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.StatusPage;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The status site: the image's second mode, a small read-only process that serves one StatusPage
 * and holds no credentials but its own (a ServiceAccount that may read that page and its token
 * Secret). It watches the page with an informer of its own, renders every response when the page
 * changes (and every few minutes, as the uptime bars move with the days), and serves them from
 * memory. Settings come from system properties {@code klaxon.status-site.*} or the environment
 * ({@code KLAXON_STATUS_SITE_*}); the Kubernetes client from the usual in-cluster or kubeconfig
 * settings.
 */
public final class StatusSiteMain {

    private static final SiteSettings SETTINGS = new SiteSettings("klaxon.status-site");

    private StatusSiteMain() {
    }

    public static void main(String[] args) throws Exception {
        SETTINGS.prepareJvm();
        String namespace = SETTINGS.required("namespace");
        String pageName = SETTINGS.required("page");
        String url = Optional.ofNullable(SETTINGS.get("url", null)).map(u -> u.replaceAll("/+$", "")).orElse(null);
        String tokenSecret = SETTINGS.get("token-secret", null);
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();

        // fabric8's own Vert.x client: outside Quarkus, the Quarkus client factory on the classpath has no Vert.x to use.
        KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new VertxHttpClientFactory()).build();
        Site site = new Site(url, clock, json);
        // Two event loops serve the page from memory; a slow client holds a socket for at most max-request-seconds, never a thread.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        StatusSiteServer server = new StatusSiteServer(vertx,
                new InetSocketAddress(SETTINGS.get("host", "0.0.0.0"), Integer.parseInt(SETTINGS.get("port", "8080"))),
                new InetSocketAddress(SETTINGS.get("management-host", SETTINGS.get("host", "0.0.0.0")), Integer.parseInt(SETTINGS.get("management-port", "9000"))),
                Duration.ofSeconds(Long.parseLong(SETTINGS.get("max-request-seconds", "10"))), Integer.parseInt(SETTINGS.get("max-connections", "4096")),
                site::content, site::token, site::ready,
                new SubscriptionDesk(site::page, new ClusterSubscriptions(client, namespace, pageName),
                        new ClientLimits(clock, Integer.parseInt(SETTINGS.get("subscribe-per-client", String.valueOf(ClientLimits.PER_CLIENT))),
                                ClientLimits.PER_MINUTE),
                        new ClientLimits(clock, ClientLimits.PER_CLIENT * 4, ClientLimits.PER_MINUTE * 4),
                        Arrays.stream(SETTINGS.get("trusted-proxies", "").split(",")).filter(s -> !s.isBlank()).map(Cidr::parse).toList()));

        SharedIndexInformer<StatusPage> pages = client.resources(StatusPage.class).inNamespace(namespace).withName(pageName)
                .inform(SiteSettings.following(site::show, page -> site.show(null)), 0);
        if (tokenSecret != null) {
            client.secrets().inNamespace(namespace).withName(tokenSecret).inform(SiteSettings.following(site::useToken, gone -> site.useToken(null)), 0);
        }
        pages.stopped().whenComplete((ignored, failure) -> {
            if (failure != null) {
                System.err.println("status-site: watching StatusPage " + namespace + "/" + pageName + " failed: " + failure.getMessage());
            }
        });
        site.synced();
        ScheduledExecutorService rerender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "status-site-rerender");
            thread.setDaemon(true);
            return thread;
        });
        rerender.scheduleWithFixedDelay(site::rerender, 5, 5, TimeUnit.MINUTES);
        System.out.println("status-site: serving StatusPage " + namespace + "/" + pageName + " on port " + server.sitePort()
                + ", health and metrics on port " + server.managementPort());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            client.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** What the site shows now; replaced as a whole when the page changes. */
    static final class Site {
        private final String url;
        private final Clock clock;
        private final ObjectMapper json;
        private volatile StatusPage page;
        private volatile SiteContent content = SiteContent.empty();
        private volatile Optional<String> token = Optional.empty();
        private volatile boolean synced;

        Site(String url, Clock clock, ObjectMapper json) {
            this.url = url;
            this.clock = clock;
            this.json = json;
        }

        /** Renders {@code page}; when that fails the site keeps serving what it served (stale beats nothing) and says so. */
        synchronized void show(StatusPage page) {
            this.page = page;
            try {
                this.content = page == null || page.getSpec() == null ? SiteContent.empty() : SiteContent.of(page, url, clock.instant(), json);
            } catch (RuntimeException e) {
                System.err.println("status-site: rendering the page failed, serving the previous version: " + e);
            }
        }

        synchronized void rerender() {
            show(page);
        }

        void useToken(Secret secret) {
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get("token");
            token = encoded == null ? Optional.empty()
                    : Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim()).filter(t -> t.length() >= 16);
        }

        void synced() {
            synced = true;
        }

        SiteContent content() {
            return content;
        }

        StatusPage page() {
            return page;
        }

        Optional<String> token() {
            return token;
        }

        boolean ready() {
            return synced;
        }
    }
}
