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
 * A real Prometheus (Debian's package) on 127.0.0.1, scraping the {@link TestExporter} every
 * second. One per test JVM; tests may stop and start it (same port and data) to simulate an
 * outage.
 */
public final class TestPrometheus {

    private static TestPrometheus instance;
    private final int port = JvmShared.once("klaxon.test.prometheus.port", Ports::free);
    private final Path dir = TestCluster.PROJECT.resolve("target/prometheus");
    /** Shared across class loaders, so any of them can stop and start the one Prometheus. */
    private final java.util.concurrent.atomic.AtomicReference<Process> process =
            JvmShared.once("klaxon.test.prometheus.process", java.util.concurrent.atomic.AtomicReference::new);

    private TestPrometheus() {
    }

    private void configure() {
        // Series of an earlier run would still answer queries for 5 minutes.
        TestCluster.deleteRecursively(dir.resolve("data"));
        writeConfig("");
    }

    private void writeConfig(String extraScrapeConfigs) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: test
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(TestExporter.get().target()) + extraScrapeConfigs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a scrape target (keeping the labels it exposes, such as its own {@code job}) and has
     * Prometheus reload its configuration.
     */
    public void addTarget(String job, String hostPort) {
        addTarget(job, hostPort, "/metrics");
    }

    /** The same, with the target's metrics on {@code metricsPath} (the operator's: /q/metrics). */
    public void addTarget(String job, String hostPort, String metricsPath) {
        synchronized (process) {
            String extra = JvmShared.once("klaxon.test.prometheus.extra", StringBuilder::new)
                    .append("""
                      - job_name: %s
                        honor_labels: true
                        metrics_path: %s
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(job, metricsPath, hostPort)).toString();
            writeConfig(extra);
            TestCluster.run(Duration.ofSeconds(10), "kill", "-HUP", String.valueOf(process.get().pid()));
        }
    }

    public static synchronized TestPrometheus get() {
        if (instance == null) {
            TestPrometheus prometheus = new TestPrometheus();
            JvmShared.once("klaxon.test.prometheus.started", () -> {
                prometheus.configure();
                prometheus.start();
                Runtime.getRuntime().addShutdownHook(new Thread(prometheus::stop));
                return Boolean.TRUE;
            });
            instance = prometheus;
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void start() {
        synchronized (process) {
            startLocked();
        }
    }

    private void startLocked() {
        try {
            process.set(new ProcessBuilder("prometheus", "--config.file", dir.resolve("prometheus.yml").toString(),
                    "--storage.tsdb.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port,
                    "--storage.tsdb.retention.time", "1h")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
                    .start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start prometheus (apt-get install -y prometheus): " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Process started = process.get();
        org.awaitility.Awaitility.await("prometheus ready (log: " + dir.resolve("prometheus.log") + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("prometheus exited", () -> !started.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(url() + "/-/ready")));
    }

    public void stop() {
        Process running = process.get();
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(20, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
