package dev.klaxon.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP receiver on 127.0.0.1 standing in for Slack, Teams, PagerDuty and webhook endpoints:
 * it records every request and can answer a path with errors a number of times before it accepts.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String path, Map<String, List<String>> headers, String body, int answered) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Duration> holds = new ConcurrentHashMap<>();

    public TestReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Duration hold = holds.remove(path);
            if (hold != null) {
                requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, 0));
                try {
                    Thread.sleep(hold.toMillis()); // a receiver that does not answer (a tarpit)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            AtomicInteger left = failuresLeft.get(path);
            int code = left != null && left.getAndDecrement() > 0 ? 500 : (path.startsWith("/pagerduty") ? 202 : 200);
            requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, code));
            byte[] answer = (code < 300 ? "ok" : "boom").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // Each request on its own thread, so a held one does not hold up the others.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next request to {@code path} gets no answer for {@code hold}, then the connection closes. It is recorded as it arrives (answered 0). */
    public void holdNext(String path, Duration hold) {
        holds.put(path, hold);
    }

    /** The next {@code times} requests to {@code path} get HTTP 500. */
    public void failNext(String path, int times) {
        failuresLeft.put(path, new AtomicInteger(times));
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Request> accepted(String path) {
        return requests(path).stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
