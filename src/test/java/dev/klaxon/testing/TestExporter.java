package dev.klaxon.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A metrics endpoint the tests control: Prometheus scrapes it, tests set and remove series.
 * One per test JVM, on 127.0.0.1.
 */
public final class TestExporter {

    private static TestExporter instance;
    private final HttpServer server;
    private final Map<String, Double> series = JvmShared.once("klaxon.test.exporter.series", ConcurrentHashMap::new);
    /** Series whose value flips between two values on every scrape. */
    private final Map<String, double[]> alternating = JvmShared.once("klaxon.test.exporter.alternating", ConcurrentHashMap::new);
    private final java.util.concurrent.atomic.AtomicLong scrapes =
            JvmShared.once("klaxon.test.exporter.scrapes", java.util.concurrent.atomic.AtomicLong::new);

    private TestExporter() {
        server = JvmShared.once("klaxon.test.exporter.server", this::serve);
    }

    private HttpServer serve() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Ports.free()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    public static synchronized TestExporter get() {
        if (instance == null) {
            instance = new TestExporter();
        }
        return instance;
    }

    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets a gauge, e.g. set("klaxon_test_error_ratio", 0.2, "case", "threshold", "service", "api"). */
    public void set(String metric, double value, String... labels) {
        alternating.remove(key(metric, labels));
        series.put(key(metric, labels), value);
    }

    /** Stops exposing a series, as a target that went away would (Prometheus marks it stale at the next scrape). */
    public void remove(String metric, String... labels) {
        alternating.remove(key(metric, labels));
        series.remove(key(metric, labels));
    }

    /** A series that reads {@code first} and {@code second} on alternate scrapes, until set() replaces it. */
    public void alternate(String metric, double first, double second, String... labels) {
        alternating.put(key(metric, labels), new double[] {first, second});
    }

    private static String key(String metric, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return metric + sorted.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private String exposition() {
        StringBuilder out = new StringBuilder();
        int flip = (int) (scrapes.getAndIncrement() % 2);
        series.forEach((k, v) -> {
            if (!alternating.containsKey(k)) {
                out.append(k).append(' ').append(v).append('\n');
            }
        });
        alternating.forEach((k, v) -> out.append(k).append(' ').append(v[flip]).append('\n'));
        return out.toString();
    }
}
