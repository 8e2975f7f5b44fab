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
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The status site (the image's second mode) as its own process, under the ServiceAccount and
 * Role the chart gives it: serving one StatusPage from target/quarkus-app's classes.
 */
public final class StatusSiteProcess implements AutoCloseable {

    public static final String SERVICE_ACCOUNT = "klaxon-status-site";

    private final String namespace;
    private final String page;
    private final String tokenSecret;
    private final int port = Ports.free();
    private final int managementPort = Ports.free();
    private final Path log;
    private Process process;

    private final List<String> settings;

    public StatusSiteProcess(String namespace, String page, String tokenSecret) {
        this(namespace, page, tokenSecret, List.of());
    }

    /** @param settings more of the site's settings ({@code -Dklaxon.status-site.…=…}) */
    public StatusSiteProcess(String namespace, String page, String tokenSecret, List<String> settings) {
        this.settings = settings;
        this.namespace = namespace;
        this.page = page;
        this.tokenSecret = tokenSecret;
        this.log = TestCluster.PROJECT.resolve("target/status-site-" + namespace + ".log");
    }

    public StatusSiteProcess start() {
        String token = installChartRbacAndIssueToken(TestCluster.get().admin());
        List<String> command = OperatorProcess.sideModeCommand("dev.klaxon.statuspage.site.StatusSiteMain", token, Stream.concat(Stream.of(
                "-Dklaxon.status-site.namespace=" + namespace,
                "-Dklaxon.status-site.page=" + page,
                "-Dklaxon.status-site.token-secret=" + tokenSecret,
                "-Dklaxon.status-site.host=127.0.0.1",
                "-Dklaxon.status-site.port=" + port,
                "-Dklaxon.status-site.management-port=" + managementPort,
                "-Dklaxon.status-site.url=" + url()), settings.stream()).toList());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Process started = process;
        Awaitility.await("status site ready (log: " + log + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("status site exited (log: " + log + ")", () -> !started.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(managementUrl() + "/q/health/ready")));
        return this;
    }

    /** The chart's status-site ServiceAccount and Role for this page, applied as helm would; a token of that ServiceAccount. */
    private String installChartRbacAndIssueToken(KubernetesClient admin) {
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", OperatorUnderTest.RELEASE, "helm/klaxon",
                "--namespace", OperatorUnderTest.NAMESPACE, "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--set", "statusSite.enabled=true", "--set", "statusSite.namespace=" + namespace, "--set", "statusSite.page=" + page,
                "--set", "statusSite.tokenSecret=" + tokenSecret, "--show-only", "templates/status-site.yaml");
        List<HasMetadata> objects = admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata object : objects) {
            if (List.of("ServiceAccount", "Role", "RoleBinding").contains(object.getKind())) {
                admin.resource(object).forceConflicts().serverSideApply();
            }
        }
        return admin.serviceAccounts().inNamespace(namespace).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    /** The public address: the page and nothing else. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Health and metrics. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    public void close() {
        TestCluster.stop(process);
    }
}
