package dev.klaxon.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Prometheus HTTP API: instant queries over keep-alive connections (the JDK client keeps
 * them and sets TCP_NODELAY). Errors carry Prometheus's own message, e.g. the position of a
 * PromQL parse error.
 */
public class PrometheusClient implements QueryRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one answer may hold: a query over everything (a typo in a label matcher, a storm) must
     * not fill the operator's heap. Past either, the query fails with {@code TooManySeries}.
     */
    public record Limits(long maxBodyBytes, int maxSeries) {
        public static final Limits DEFAULT = new Limits(32L << 20, 20_000);
    }

    private final URI queryEndpoint;
    private final URI rangeEndpoint;
    private final Duration timeout;
    private final Optional<Path> bearerTokenFile;
    private final HttpClient http;
    private volatile Optional<String> tenantParameter = Optional.empty();
    private volatile PrometheusHealth health = new PrometheusHealth(java.time.Clock.systemUTC());
    private final Limits limits;

    public PrometheusClient(URI baseUrl, Duration timeout, Optional<Path> bearerTokenFile, Optional<Path> caFile) {
        this(baseUrl, timeout, bearerTokenFile, caFile, Limits.DEFAULT);
    }

    public PrometheusClient(URI baseUrl, Duration timeout, Optional<Path> bearerTokenFile, Optional<Path> caFile, Limits limits) {
        this.limits = limits;
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.queryEndpoint = URI.create(base + "/api/v1/query");
        this.rangeEndpoint = URI.create(base + "/api/v1/query_range");
        this.timeout = timeout;
        this.bearerTokenFile = bearerTokenFile;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        caFile.ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    /** Records whether queries are answered in {@code health} (the operator's, with its clock). */
    public PrometheusClient withHealth(PrometheusHealth health) {
        this.health = health;
        return this;
    }

    public PrometheusHealth health() {
        return health;
    }

    /** Sends {@code <parameter>=<namespace>} with each namespace's queries (the tenancy mode); empty: none. */
    public PrometheusClient withTenantParameter(Optional<String> parameter) {
        this.tenantParameter = parameter.map(String::strip).filter(p -> !p.isEmpty());
        return this;
    }

    @Override
    public List<Sample> query(String promql, Instant time) throws PrometheusException {
        return query(promql, time, "");
    }

    @Override
    public QueryRunner forNamespace(String namespace) {
        if (tenantParameter.isEmpty()) {
            return this;
        }
        String tenant = tenant(namespace);
        return new QueryRunner() {
            @Override
            public List<Sample> query(String promql, Instant time) throws PrometheusException {
                return PrometheusClient.this.query(promql, time, tenant);
            }

            @Override
            public QueryRunner forNamespace(String other) {
                return PrometheusClient.this.forNamespace(other);
            }
        };
    }

    /** Whether queries differ by namespace (so that results may be shared only within one). */
    public boolean isTenanted() {
        return tenantParameter.isPresent();
    }

    /**
     * A range query of one namespace's object (confined to it in a tenancy mode): the series at
     * every step from {@code start} to {@code end}, bounded like an instant query's answer.
     */
    public List<Series> queryRange(String namespace, String promql, Instant start, Instant end, Duration step) throws PrometheusException {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + seconds(start) + "&end=" + seconds(end)
                + "&step=" + step.toSeconds() + "s&timeout=" + timeout.toSeconds() + "s" + tenant(namespace);
        return recorded(() -> parseMatrix(send(rangeEndpoint, promql, form)));
    }

    /** One series of a range query's answer: its labels and its values by time. */
    public record Series(Map<String, String> labels, Map<Instant, Double> values) {
    }

    private String tenant(String namespace) {
        return tenantParameter.map(p -> "&" + URLEncoder.encode(p, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8))
                .orElse("");
    }

    private interface Call<T> {
        T call() throws PrometheusException;
    }

    /** The outcome of a call, recorded in the health: no answer is an outage, any answer (an error too) ends one. */
    private <T> T recorded(Call<T> call) throws PrometheusException {
        try {
            T answer = call.call();
            health.answered();
            return answer;
        } catch (PrometheusException e) {
            if (e.kind() == PrometheusException.Kind.Unreachable) {
                health.unreachable(e.getMessage());
            } else {
                health.answered();
            }
            throw e;
        }
    }

    private List<Sample> query(String promql, Instant time, String tenant) throws PrometheusException {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + seconds(time)
                + "&timeout=" + timeout.toSeconds() + "s" + tenant;
        return recorded(() -> parse(send(queryEndpoint, promql, form)));
    }

    private static String seconds(Instant time) {
        return String.format(Locale.ROOT, "%.3f", time.toEpochMilli() / 1000.0);
    }

    private HttpResponse<String> send(URI endpoint, String promql, String form) throws PrometheusException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            // The request timeout covers only the headers; this bounds reading the body too.
            response = http.sendAsync(request.build(), LimitedBody.handler(limits.maxBodyBytes()))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PrometheusException(PrometheusException.Kind.Unreachable,
                    "Prometheus at " + endpoint + " did not answer within " + timeout.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw new PrometheusException(PrometheusException.Kind.TooManySeries, "the answer to " + promql
                        + " is larger than " + (limits.maxBodyBytes() >> 20) + " MiB: narrow the query (or aggregate it)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new PrometheusException(PrometheusException.Kind.Unreachable,
                        "Prometheus at " + endpoint + " did not answer within " + timeout.toSeconds() + "s", cause);
            }
            throw new PrometheusException(PrometheusException.Kind.Unreachable, "Prometheus at " + endpoint + " is unreachable: "
                    + (cause instanceof IOException io ? describe(io) : String.valueOf(cause)), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException(PrometheusException.Kind.Unreachable, "interrupted", e);
        }
        return response;
    }

    private List<Series> parseMatrix(HttpResponse<String> response) throws PrometheusException {
        JsonNode data = successData(response);
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new PrometheusException(PrometheusException.Kind.QueryFailed, "a range query returned a " + data.path("resultType").asText());
        }
        if (data.path("result").size() > limits.maxSeries()) {
            throw new PrometheusException(PrometheusException.Kind.TooManySeries, "the query returned " + data.path("result").size()
                    + " series, more than the " + limits.maxSeries() + " one object may evaluate: aggregate it");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode one : data.path("result")) {
            Map<Instant, Double> values = new LinkedHashMap<>();
            for (JsonNode point : one.path("values")) {
                values.put(Instant.ofEpochMilli(Math.round(point.path(0).asDouble() * 1000)), value(point.path(1).asText()));
            }
            series.add(new Series(labels(one.path("metric")), values));
        }
        return series;
    }

    private List<Sample> parse(HttpResponse<String> response) throws PrometheusException {
        JsonNode data = successData(response);
        String resultType = data.path("resultType").asText();
        if (data.path("result").isArray() && "vector".equals(resultType) && data.path("result").size() > limits.maxSeries()) {
            throw new PrometheusException(PrometheusException.Kind.TooManySeries, "the query returned " + data.path("result").size()
                    + " series, more than the " + limits.maxSeries() + " one rule may evaluate: narrow it (or aggregate it)");
        }
        List<Sample> samples = new ArrayList<>();
        switch (resultType) {
            case "vector" -> data.path("result").forEach(series -> samples.add(
                    new Sample(labels(series.path("metric")), value(series.path("value").path(1).asText()))));
            case "scalar" -> samples.add(new Sample(Map.of(), value(data.path("result").path(1).asText())));
            default -> throw new PrometheusException(PrometheusException.Kind.QueryFailed,
                    "the query returned a " + resultType + "; a condition needs an instant vector or a scalar");
        }
        return samples;
    }

    /** The data of a successful answer; a failed or partial one is an exception. */
    private JsonNode successData(HttpResponse<String> response) throws PrometheusException {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw unexpected(response.statusCode(), "unreadable body: " + e.getMessage());
        }
        if (body == null || !body.has("status")) {
            throw unexpected(response.statusCode(), "not a Prometheus API response");
        }
        if (!"success".equals(body.get("status").asText())) {
            String error = body.path("error").asText("unknown error");
            // 5xx with errorType "unavailable"/"timeout" means the server is struggling, not the query.
            String type = body.path("errorType").asText("");
            PrometheusException.Kind kind = type.equals("timeout") || type.equals("unavailable")
                    ? PrometheusException.Kind.Unreachable : PrometheusException.Kind.QueryFailed;
            throw new PrometheusException(kind, "Prometheus: " + (type.isEmpty() ? "" : type + ": ") + error);
        }
        if (body.path("warnings").size() > 0) {
            // Partial data (e.g. a remote store did not answer) could hide series: never read it as "nothing is wrong".
            throw new PrometheusException(PrometheusException.Kind.Unreachable,
                    "Prometheus returned partial data: " + body.path("warnings").get(0).asText());
        }
        return body.path("data");
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    public static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private PrometheusException unexpected(int status, String detail) {
        return new PrometheusException(status >= 500 || status == 0 ? PrometheusException.Kind.Unreachable
                : PrometheusException.Kind.QueryFailed, "Prometheus answered HTTP " + status + ": " + detail);
    }

    private Optional<String> bearerToken() throws PrometheusException {
        if (bearerTokenFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            // Read every time: projected tokens rotate.
            return Optional.of(Files.readString(bearerTokenFile.get()).trim());
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.Unreachable,
                    "cannot read the Prometheus bearer token file " + bearerTokenFile.get() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the Prometheus CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
