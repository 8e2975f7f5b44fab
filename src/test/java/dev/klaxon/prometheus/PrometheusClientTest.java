package dev.klaxon.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client sends and how it reads answers, against a stand-in HTTP server (Prometheus itself: PrometheusClientIT). */
class PrometheusClientTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"service\":\"api\"},\"value\":[1764151200,\"NaN\"]},"
            + "{\"metric\":{\"service\":\"web\"},\"value\":[1764151200,\"-Inf\"]}]}}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prometheus/api/v1/query", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prometheus/");
    }

    @Test
    void sendsTheQueryAtTheEvaluationTimeWithTheCurrentBearerToken(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "first\n");
        PrometheusClient client = new PrometheusClient(base(), Duration.ofSeconds(3), Optional.of(token), Optional.empty());

        client.query("sum(rate(x[5m])) > 0.1", Instant.parse("2026-11-26T10:00:00.250Z"));
        Files.writeString(token, "rotated");
        client.query("up", Instant.parse("2026-11-26T10:00:10Z"));

        assertThat(authorizations).containsExactly("Bearer first", "Bearer rotated");
        assertThat(forms.get(0)).contains("query=sum%28rate%28x%5B5m%5D%29%29+%3E+0.1").contains("time=1795687200.250")
                .contains("timeout=3s");
    }

    @Test
    void readsSpecialValues() throws Exception {
        PrometheusClient client = new PrometheusClient(base(), Duration.ofSeconds(3), Optional.empty(), Optional.empty());

        var samples = client.query("x", Instant.now());

        assertThat(samples).extracting(Sample::value).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void anOverloadedPrometheusIsUnreachableNotAQueryError() {
        status = 503;
        answer = "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many queries\"}";
        PrometheusClient client = new PrometheusClient(base(), Duration.ofSeconds(3), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client.query("x", Instant.now())).isInstanceOfSatisfying(PrometheusException.class, e -> {
            assertThat(e.kind()).isEqualTo(PrometheusException.Kind.Unreachable);
            assertThat(e.getMessage()).isEqualTo("Prometheus: unavailable: too many queries");
        });
    }

    @Test
    void somethingThatIsNotPrometheusSaysSo() {
        status = 502;
        answer = "<html>Bad Gateway</html>";
        PrometheusClient client = new PrometheusClient(base(), Duration.ofSeconds(3), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client.query("x", Instant.now())).isInstanceOfSatisfying(PrometheusException.class, e -> {
            assertThat(e.kind()).isEqualTo(PrometheusException.Kind.Unreachable);
            assertThat(e.getMessage()).startsWith("Prometheus answered HTTP 502");
        });
    }
}
