package dev.klaxon.statuspage.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.common.DeadlineHttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Serves a status page from memory, on Vert.x's event loop ({@link DeadlineHttpServer}: a slow
 * client holds no thread). The public port answers GET and HEAD for the page's own
 * paths and nothing else; the customer view ({@code /customers/...}) needs the page's token as a
 * bearer token. Health and metrics are on a management port of their own, never on the public one.
 */
final class StatusSiteServer implements AutoCloseable {

    static final String CUSTOMERS = "/customers";
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final DeadlineHttpServer site;
    private final HttpServer management;
    private final Supplier<SiteContent> content;
    private final Supplier<Optional<String>> token;
    private final BooleanSupplier ready;
    private final SubscriptionDesk desk;
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
    /** A subscription form's body is two short fields. */
    private static final int MAX_BODY = 4096;

    /**
     * @param deadline       how long a connection may live: a slow client holds a socket that long at most, and never a thread
     * @param maxConnections how many may be open at once
     */
    StatusSiteServer(Vertx vertx, InetSocketAddress siteAddress, InetSocketAddress managementAddress, Duration deadline, int maxConnections,
            Supplier<SiteContent> content, Supplier<Optional<String>> token, BooleanSupplier ready, SubscriptionDesk desk) throws IOException {
        this.content = content;
        this.token = token;
        this.ready = ready;
        this.desk = desk;
        // What is served from memory answers on the event loop; a subscription's POST, which writes to the API server, on two threads.
        site = DeadlineHttpServer.start(vertx, siteAddress.getHostString(), siteAddress.getPort(), new DeadlineHttpServer.Limits(deadline, MAX_BODY,
                maxConnections, () -> answer(503, TEXT, "busy\n"), () -> answer(413, TEXT, "too large\n")),
                DeadlineHttpServer.workers("status-site-subscriptions", 2), new DeadlineHttpServer.Handler() {
                    @Override
                    public DeadlineHttpServer.Response handle(DeadlineHttpServer.Request request) {
                        return serve(request);
                    }

                    @Override
                    public boolean inline(DeadlineHttpServer.Request headersOnly) {
                        return !headersOnly.method().equals("POST");
                    }
                });
        management = HttpServer.create(managementAddress, 16);
        management.createContext("/", this::manage);
        management.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "status-site-management");
            thread.setDaemon(true);
            return thread;
        }));
        management.start();
    }

    int sitePort() {
        return site.port();
    }

    int managementPort() {
        return management.getAddress().getPort();
    }

    private DeadlineHttpServer.Response serve(DeadlineHttpServer.Request request) {
        String method = request.method();
        String path = request.path();
        if (SubscriptionDesk.handles(path) && (method.equals("GET") || method.equals("HEAD") || method.equals("POST"))) {
            DeadlineHttpServer.Response response = desk.serve(request);
            count(response.status());
            return common(response);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return common(answer(405, TEXT, "method not allowed\n").with("Allow", "GET, HEAD"));
        }
        StatuspageV2.Audience audience = StatuspageV2.Audience.everyone;
        if (path.equals(CUSTOMERS) || path.startsWith(CUSTOMERS + "/")) {
            if (!authorized(request)) {
                return common(answer(401, TEXT, "this view needs the page's customer token\n").with("WWW-Authenticate", "Bearer realm=\"customers\""));
            }
            audience = StatuspageV2.Audience.customers;
            path = path.substring(CUSTOMERS.length());
            path = path.isEmpty() ? "/" : path;
        }
        Optional<SiteContent.Response> found = content.get().get(audience, path);
        if (found.isEmpty()) {
            return common(answer(404, TEXT, "not found\n"));
        }
        SiteContent.Response response = found.get();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("ETag", response.etag());
        headers.put("Cache-Control", audience == StatuspageV2.Audience.customers ? "private, no-cache" : "public, max-age=10");
        if (audience == StatuspageV2.Audience.customers) {
            headers.put("Vary", "Authorization");
        }
        headers.put("Content-Security-Policy", SECURITY_POLICY);
        if (response.etag().equals(request.header("If-None-Match").orElse(null))) {
            count(304);
            return common(new DeadlineHttpServer.Response(304, headers, new byte[0]));
        }
        headers.put("Content-Type", response.contentType());
        count(200);
        return common(new DeadlineHttpServer.Response(200, headers, response.body()));
    }

    private static DeadlineHttpServer.Response common(DeadlineHttpServer.Response response) {
        return response.with("X-Content-Type-Options", "nosniff").with("Referrer-Policy", "no-referrer");
    }

    /** Whether the request carries the page's customer token (compared in constant time); no token configured: nobody is. */
    private boolean authorized(DeadlineHttpServer.Request request) {
        Optional<String> expected = token.get();
        String header = request.header("Authorization").orElse(null);
        if (expected.isEmpty() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private DeadlineHttpServer.Response answer(int code, String contentType, String text) {
        count(code);
        return DeadlineHttpServer.Response.text(code, contentType, text);
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
        site.close();
        management.stop(0);
    }
}
