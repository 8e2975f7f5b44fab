package dev.klaxon.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.common.Forms;
import dev.klaxon.common.PageLink;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The responder site's HTTP side ({@link DeadlineHttpServer}: a slow client holds no thread):
 * {@code GET /l/<token>} shows the incident and, for an action link, its confirmation button;
 * {@code POST /l/<token>} with that form acts; {@code POST /slack/actions} takes a press of a
 * page's Slack button ({@link SlackActions}); {@code /style.css} is the one asset. Bodies are
 * small forms (at most {@link #MAX_BODY} bytes), and every client address and every link has a
 * request budget. Responses are never cached and send no Referer, so a link does not leak from
 * the page it opened. Health and metrics are on a management port of their own.
 */
final class ResponderServer implements AutoCloseable {

    static final String LINKS = "/l/";
    /** A confirmation is a small form; a Slack interaction carries the whole message it came from. */
    static final int MAX_BODY = 64 * 1024;
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final ResponderSite site;
    private final DeadlineHttpServer server;
    private final HttpServer management;
    private final BooleanSupplier ready;
    private final Buckets perClient;
    private final Optional<String> clientAddressHeader;
    private final SlackActions slack;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final byte[] style = resource("/respond/style.css");
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    /**
     * @param clientAddressHeader the header a proxy in front (an Ingress) appends the client's address to, e.g.
     *                            X-Forwarded-For; its last entry is the client. Empty: the connection's peer is.
     */
    ResponderServer(Vertx vertx, InetSocketAddress address, InetSocketAddress managementAddress, Duration deadline, ResponderSite site,
            BooleanSupplier ready, Clock clock, Optional<String> clientAddressHeader, Optional<String> slackSigningSecret) throws IOException {
        this.site = site;
        this.slack = new SlackActions(slackSigningSecret, site, clock, SlackActions.httpReplies());
        this.ready = ready;
        this.clientAddressHeader = clientAddressHeader;
        this.perClient = new Buckets(60, Duration.ofSeconds(1), 10_000, clock);
        server = DeadlineHttpServer.start(vertx, address.getHostString(), address.getPort(), new DeadlineHttpServer.Limits(deadline, MAX_BODY,
                        1024, () -> answer(503, TEXT, "busy\n"), () -> answer(413, TEXT, "a confirmation is a small form\n")),
                DeadlineHttpServer.workers("responder-site", 2), new DeadlineHttpServer.Handler() {
                    @Override
                    public Optional<DeadlineHttpServer.Response> screen(DeadlineHttpServer.Request request) {
                        return ResponderServer.this.screen(request);
                    }

                    @Override
                    public DeadlineHttpServer.Response handle(DeadlineHttpServer.Request request) {
                        return ResponderServer.this.handle(request);
                    }
                });
        management = HttpServer.create(managementAddress, 16);
        management.createContext("/", this::manage);
        management.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "responder-site-management");
            thread.setDaemon(true);
            return thread;
        }));
        management.start();
    }

    int port() {
        return server.port();
    }

    int managementPort() {
        return management.getAddress().getPort();
    }

    /** Refusals from the headers alone: the method, the path, the client's budget. */
    private Optional<DeadlineHttpServer.Response> screen(DeadlineHttpServer.Request request) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/style.css")) {
            return Optional.of(method.equals("GET") || method.equals("HEAD")
                    ? common(answer(200, "text/css; charset=utf-8", style).with("Cache-Control", "public, max-age=3600"))
                    : common(answer(405, TEXT, "method not allowed\n").with("Allow", "GET, HEAD")));
        }
        if (path.equals(SlackActions.PATH)) {
            return method.equals("POST") ? budget(request) : Optional.of(common(answer(405, TEXT, "method not allowed\n").with("Allow", "POST")));
        }
        if (!path.startsWith(LINKS)) {
            return Optional.of(common(answer(404, TEXT, "not found: Klaxon's responder site answers the links in pages\n")));
        }
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            return Optional.of(common(answer(405, TEXT, "method not allowed\n").with("Allow", "GET, HEAD, POST")));
        }
        if (path.length() > LINKS.length() + PageLink.MAX_TOKEN_LENGTH) {
            return Optional.of(common(answer(414, TEXT, "not a Klaxon link\n")));
        }
        return budget(request);
    }

    private Optional<DeadlineHttpServer.Response> budget(DeadlineHttpServer.Request request) {
        if (!perClient.take(client(request, clientAddressHeader))) {
            return Optional.of(common(answer(429, TEXT, "too many requests from your address: wait a minute\n").with("Retry-After", "60")));
        }
        return Optional.empty();
    }

    private DeadlineHttpServer.Response handle(DeadlineHttpServer.Request request) {
        if (request.path().equals(SlackActions.PATH)) {
            SlackActions.Answer answer = slack.handle(request.headers(), request.body());
            return common(answer(answer.status(), "application/json", JSON.createObjectNode().put("text", answer.text()).toString()));
        }
        String token = request.path().substring(LINKS.length());
        ResponderSite.Answer answer = request.method().equals("POST")
                ? site.act(token, Forms.fields(request.body()).getOrDefault("capability", ""))
                : site.show(token);
        DeadlineHttpServer.Response response = answer(answer.status(), HTML, answer.html().getBytes(StandardCharsets.UTF_8));
        return common(answer.status() == 405 ? response.with("Allow", "GET, HEAD") : response);
    }

    /** Who asks: the last address the proxy appended, when there is a proxy, else the connection's peer. */
    static String client(DeadlineHttpServer.Request request, Optional<String> clientAddressHeader) {
        return clientAddressHeader.flatMap(request::header).map(value -> value.substring(value.lastIndexOf(',') + 1).strip())
                .filter(value -> !value.isEmpty()).orElse(request.client());
    }

    private static DeadlineHttpServer.Response common(DeadlineHttpServer.Response response) {
        return response.with("X-Content-Type-Options", "nosniff").with("Referrer-Policy", "no-referrer")
                .with("Content-Security-Policy", SECURITY_POLICY).with("X-Robots-Tag", "noindex, nofollow")
                .with("Cache-Control", response.headers().getOrDefault("Cache-Control", "no-store"));
    }

    private DeadlineHttpServer.Response answer(int code, String contentType, String text) {
        return answer(code, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private DeadlineHttpServer.Response answer(int code, String contentType, byte[] body) {
        responses.computeIfAbsent(code, c -> new LongAdder()).increment();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", contentType);
        return new DeadlineHttpServer.Response(code, headers, body);
    }

    private void manage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean up = ready.getAsBoolean();
            switch (path) {
                case "/q/health/live" -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}\n");
                case "/q/health/ready" -> send(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
                case "/q/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics(up));
                default -> send(exchange, 404, TEXT, "not found\n");
            }
        }
    }

    private String metrics(boolean up) {
        StringBuilder text = new StringBuilder("# HELP klaxon_responder_site_responses_total Responses of the responder site by HTTP status code.\n"
                + "# TYPE klaxon_responder_site_responses_total counter\n");
        responses.forEach((code, count) -> text.append("klaxon_responder_site_responses_total{code=\"").append(code).append("\"} ")
                .append(count.sum()).append('\n'));
        text.append("# HELP klaxon_responder_site_actions_total Actions asked through page links, by action and outcome (done, refused, conflict).\n")
                .append("# TYPE klaxon_responder_site_actions_total counter\n");
        site.actions().forEach((key, count) -> text.append("klaxon_responder_site_actions_total{action=\"").append(key.action().name())
                .append("\",outcome=\"").append(key.outcome()).append("\"} ").append(count.sum()).append('\n'));
        text.append("# HELP klaxon_responder_site_ready Whether the site has read Klaxon's public key (1) or not yet (0).\n")
                .append("# TYPE klaxon_responder_site_ready gauge\nklaxon_responder_site_ready ").append(up ? 1 : 0).append('\n');
        return text.toString();
    }

    private static void send(HttpExchange exchange, int code, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = ResponderServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        management.stop(0);
    }
}
