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
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
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
