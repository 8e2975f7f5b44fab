package dev.klaxon.statussite;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Serves a status page from memory. The public port answers GET and HEAD for the page's own
 * paths and nothing else; the customer view ({@code /customers/...}) needs the page's token as a
 * bearer token. Health and metrics are on a management port of their own, never on the public one.
 */
final class StatusSiteServer implements AutoCloseable {

    static final String CUSTOMERS = "/customers";
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final HttpServer site;
    private final HttpServer management;
    private final ExecutorService workers;
    private final Supplier<SiteContent> content;
    private final Supplier<Optional<String>> token;
    private final BooleanSupplier ready;
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    StatusSiteServer(InetSocketAddress siteAddress, InetSocketAddress managementAddress, int threads, Supplier<SiteContent> content,
            Supplier<Optional<String>> token, BooleanSupplier ready) throws IOException {
        this.content = content;
        this.token = token;
        this.ready = ready;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "status-site");
            thread.setDaemon(true);
            return thread;
        });
        site = HttpServer.create(siteAddress, 1024);
        site.createContext("/", this::serve);
        site.setExecutor(workers);
        management = HttpServer.create(managementAddress, 16);
        management.createContext("/", this::manage);
        management.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "status-site-management");
            thread.setDaemon(true);
            return thread;
        }));
        site.start();
        management.start();
    }

    int sitePort() {
        return site.getAddress().getPort();
    }

    int managementPort() {
        return management.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            StatuspageV2.Audience audience = StatuspageV2.Audience.everyone;
            if (path.equals(CUSTOMERS) || path.startsWith(CUSTOMERS + "/")) {
                if (!authorized(exchange)) {
                    headers.set("WWW-Authenticate", "Bearer realm=\"customers\"");
                    send(exchange, 401, "text/plain; charset=utf-8", "this view needs the page's customer token\n");
                    return;
                }
                audience = StatuspageV2.Audience.customers;
                path = path.substring(CUSTOMERS.length());
                path = path.isEmpty() ? "/" : path;
            }
            Optional<SiteContent.Response> found = content.get().get(audience, path);
            if (found.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            SiteContent.Response response = found.get();
            headers.set("ETag", response.etag());
            headers.set("Cache-Control", audience == StatuspageV2.Audience.customers ? "private, no-cache" : "public, max-age=10");
            if (audience == StatuspageV2.Audience.customers) {
                headers.set("Vary", "Authorization");
            }
            headers.set("Content-Security-Policy", SECURITY_POLICY);
            if (response.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                count(304);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            headers.set("Content-Type", response.contentType());
            count(200);
            if (method.equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(response.body().length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        }
    }

    /** Whether the request carries the page's customer token (compared in constant time); no token configured: nobody is. */
    private boolean authorized(HttpExchange exchange) {
        Optional<String> expected = token.get();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (expected.isEmpty() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void manage(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/q/health/live" -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}\n");
                case "/q/health/ready" -> send(exchange, ready.getAsBoolean() ? 200 : 503, "application/json",
                        ready.getAsBoolean() ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
                case "/q/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private String metrics() {
        StringBuilder text = new StringBuilder("# HELP klaxon_status_site_responses_total Responses of the status site by HTTP status code.\n"
                + "# TYPE klaxon_status_site_responses_total counter\n");
        responses.forEach((code, count) -> text.append("klaxon_status_site_responses_total{code=\"").append(code).append("\"} ")
                .append(count.sum()).append('\n'));
        text.append("# HELP klaxon_status_site_ready Whether the site has read its page (1) or not yet (0).\n")
                .append("# TYPE klaxon_status_site_ready gauge\nklaxon_status_site_ready ").append(ready.getAsBoolean() ? 1 : 0).append('\n');
        return text.toString();
    }

    private void send(HttpExchange exchange, int code, String contentType, String text) throws IOException {
        count(code);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void count(int code) {
        responses.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    @Override
    public void close() {
        site.stop(0);
        management.stop(0);
        workers.shutdownNow();
    }
}
