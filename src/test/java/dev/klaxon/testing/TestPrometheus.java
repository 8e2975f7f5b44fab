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
 * A real Prometheus (Debian's package) on 127.0.0.1, scraping the {@link TestExporter} every
 * second. One per test JVM; tests may stop and start it (same port and data) to simulate an
 * outage.
 */
public final class TestPrometheus {

    private static TestPrometheus instance;
    private final int port = Ports.free();
    private final Path dir = TestCluster.PROJECT.resolve("target/prometheus");
    private Process process;

    private TestPrometheus() {
        try {
            // Series of an earlier run would still answer queries for 5 minutes.
            deleteRecursively(dir.resolve("data"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: test
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(TestExporter.get().target()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    public static synchronized TestPrometheus get() {
        if (instance == null) {
            instance = new TestPrometheus();
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            process = new ProcessBuilder("prometheus", "--config.file", dir.resolve("prometheus.yml").toString(),
                    "--storage.tsdb.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port,
                    "--storage.tsdb.retention.time", "1h")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start prometheus (apt-get install -y prometheus): " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Process started = process;
        org.awaitility.Awaitility.await("prometheus ready (log: " + dir.resolve("prometheus.log") + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("prometheus exited", () -> !started.isAlive())
                .until(() -> ready(http));
    }

    private boolean ready(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public synchronized void stop() {
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
