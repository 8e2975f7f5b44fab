package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1, not clustered, routing
 * every alert to one webhook with a bearer token, with short group timings so a test sees
 * notifications within seconds. Two of them side by side are an HA pair split by a partition:
 * each sends every notification.
 */
public final class TestAlertmanager implements AutoCloseable {

    private final int port = Ports.free();
    private final Path dir;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestAlertmanager(String name, String webhookUrl, String token) {
        this(name, webhookUrl, token, "1h");
    }

    /** @param repeatInterval how often a firing group is sent again (route.repeat_interval): a Watchdog's beat */
    public TestAlertmanager(String name, String webhookUrl, String token, String repeatInterval) {
        this(name, """
                    route:
                      receiver: klaxon
                      group_by: [alertname, instance]
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: %s
                    receivers:
                      - name: klaxon
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                            max_alerts: 100
                            http_config:
                              authorization:
                                credentials: %s
                    """.formatted(repeatInterval, webhookUrl, token));
    }

    /** An Alertmanager with a configuration of the test's own (routes, inhibition rules). */
    public static TestAlertmanager withConfig(String name, String config) {
        return new TestAlertmanager(name, config);
    }

    private TestAlertmanager(String name, String config) {
        dir = TestCluster.PROJECT.resolve("target/alertmanager-" + name);
        try {
            TestCluster.deleteRecursively(dir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("alertmanager.yml"), config);
            process = new ProcessBuilder("prometheus-alertmanager", "--config.file", dir.resolve("alertmanager.yml").toString(),
                    "--storage.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port,
                    "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Alertmanager (apt-get install -y prometheus-alertmanager): " + e.getMessage(), e);
        }
        org.awaitility.Awaitility.await("alertmanager ready (log: " + dir.resolve("alertmanager.log") + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("alertmanager exited", () -> !process.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(url() + "/-/ready")));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Posts alerts (a JSON array, as Prometheus sends them) to Alertmanager's API v2. */
    public void post(String alertsJson) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
