package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The responder site (the image's third mode) as its own process, under the ServiceAccount, RBAC
 * and admission policy the chart gives it (templates/responder-site.yaml, applied as helm would),
 * answering page links on loopback. The operator makes the links when started with
 * {@link #operatorSettings}; the site is ready once it has read the operator's public key.
 */
public final class ResponderSiteProcess implements AutoCloseable {

    public static final String SERVICE_ACCOUNT = OperatorUnderTest.RELEASE + "-responder-site";
    public static final String USER = "system:serviceaccount:" + OperatorUnderTest.NAMESPACE + ":" + SERVICE_ACCOUNT;
    public static final String KEY_CONFIG_MAP = OperatorUnderTest.RELEASE + "-page-links";
    /** The Slack app's signing secret the site checks button presses with (Slack's own example value). */
    public static final String SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private final int port = Ports.free();
    private final int managementPort = Ports.free();
    private final Path log = TestCluster.PROJECT.resolve("target/responder-site-" + port + ".log");
    private Process process;

    public ResponderSiteProcess start() {
        String token = installChartObjectsAndIssueToken(TestCluster.get().admin());
        List<String> command = OperatorProcess.sideModeCommand("dev.klaxon.respond.ResponderSiteMain", token, List.of(
                "-Dklaxon.responder-site.key-namespace=" + OperatorUnderTest.NAMESPACE,
                "-Dklaxon.responder-site.key-config-map=" + KEY_CONFIG_MAP,
                "-Dklaxon.responder-site.host=127.0.0.1",
                "-Dklaxon.responder-site.port=" + port,
                "-Dklaxon.responder-site.management-port=" + managementPort,
                // As behind an Ingress that appends the client's address (requests without the header count as the peer's).
                "-Dklaxon.responder-site.client-address-header=X-Forwarded-For",
                "-Dklaxon.responder-site.slack-signing-secret=" + SLACK_SIGNING_SECRET));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Process started = process;
        Awaitility.await("responder site live (log: " + log + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("responder site exited (log: " + log + ")", () -> !started.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(managementUrl() + "/q/health/live")));
        return this;
    }

    /** The operator's settings that make it put this site's links in pages. */
    public String[] operatorSettings() {
        return new String[] {"-Dklaxon.responder.url=" + url(), "-Dklaxon.responder.verify-key-config-map=" + KEY_CONFIG_MAP};
    }

    /** Waits until the site has read the public key the operator published. */
    public void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("responder site ready: it read the operator's public key (log: " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> TestCluster.answersOk(http, URI.create(managementUrl() + "/q/health/ready")));
    }

    /**
     * The chart's responder-site objects (ServiceAccount, Role, ClusterRole, bindings, admission
     * policy) and the operator's Role in its namespace as the chart renders them with the site on
     * (it may then publish the public key); a token of the site's ServiceAccount.
     */
    private static String installChartObjectsAndIssueToken(KubernetesClient admin) {
        // The operator's namespace, as the operator's own start makes it (the site starts first).
        OperatorUnderTest.installChartRbacAndIssueToken(admin);
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", OperatorUnderTest.RELEASE, "helm/klaxon",
                "--namespace", OperatorUnderTest.NAMESPACE, "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--set", "responderSite.enabled=true", "--set", "responderSite.url=https://respond.example.com",
                "--show-only", "templates/responder-site.yaml", "--show-only", "templates/channel-secrets-rbac.yaml");
        for (HasMetadata object : admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items()) {
            if (!List.of("Deployment", "Service", "Ingress").contains(object.getKind())) {
                admin.resource(object).forceConflicts().serverSideApply();
            }
        }
        return admin.serviceAccounts().inNamespace(OperatorUnderTest.NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    /** Where links point. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        TestCluster.stop(process);
    }
}
