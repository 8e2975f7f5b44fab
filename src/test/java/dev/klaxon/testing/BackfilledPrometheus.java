package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus of its own with weeks of history written before it starts: the series go through
 * {@code promtool tsdb create-blocks-from openmetrics} into blocks, which the server loads (with
 * a retention that keeps them). It scrapes nothing; samples may run into the near future, so the
 * history goes on "live" while a test runs.
 */
public final class BackfilledPrometheus implements AutoCloseable {

    /**
     * The blocks reach into the future, where the head would refuse what the ruler records ("out
     * of bounds"); an out-of-order window takes it.
     */
    private static final String STORAGE = "storage:\n  tsdb:\n    out_of_order_time_window: 2h\n";

    private final Path dir;
    private final int port = Ports.free();
    private Process process;

    private BackfilledPrometheus(Path dir) {
        this.dir = dir;
    }

    /** Writes the OpenMetrics text (ending with {@code # EOF}) into blocks and starts a server on them. */
    public static BackfilledPrometheus start(String name, String openMetrics) {
        Path dir = TestCluster.PROJECT.resolve("target/" + name);
        TestCluster.deleteRecursively(dir);
        BackfilledPrometheus prometheus = new BackfilledPrometheus(dir);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("history.om"), openMetrics);
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n" + STORAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One block per ~month instead of one per 2h: promtool parses the file once per block.
        TestCluster.run(Duration.ofMinutes(5), "promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=800h",
                dir.resolve("history.om").toString(), dir.resolve("data").toString());
        prometheus.startServer();
        return prometheus;
    }

    private void startServer() {
        try {
            process = new ProcessBuilder("prometheus", "--config.file", dir.resolve("prometheus.yml").toString(),
                    "--storage.tsdb.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port,
                    "--storage.tsdb.retention.time", "60d")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start prometheus (apt-get install -y prometheus): " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newHttpClient();
        org.awaitility.Awaitility.await("prometheus ready (log: " + dir.resolve("prometheus.log") + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("prometheus exited", () -> !process.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(url() + "/-/ready")));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Has the ruler evaluate these rule groups (YAML) every {@code interval} from now on; empty groups stop it. */
    public void rules(String groupsYaml, Duration interval) {
        try {
            Files.writeString(dir.resolve("rules.yml"), groupsYaml);
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n  evaluation_interval: " + interval.toSeconds()
                    + "s\nrule_files: [\"" + dir.resolve("rules.yml") + "\"]\n" + STORAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCluster.run(Duration.ofSeconds(10), "kill", "-HUP", String.valueOf(process.pid()));
    }

    /** The value of an instant query that answers one number (e.g. a count with "or vector(0)"). */
    public double value(String promql) {
        try {
            String body = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url() + "/api/v1/query?query="
                    + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("data").path("result").path(0).path("value").path(1)
                    .asDouble(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prometheus's own metric from its /metrics, summed over its series (e.g. prometheus_rule_group_iterations_total). */
    public double ownMetric(String name) {
        return MetricsPage.read(url() + "/metrics").sum(name);
    }

    /** The server's process, for its CPU time. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
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
}
