package dev.klaxon.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A service's requests over weeks, as the counters {@code http_requests_total{job, code="200"|"500"}}
 * in OpenMetrics text for {@link BackfilledPrometheus}: a steady rate, a baseline error ratio, and
 * spans with another error ratio. Samples every 5 minutes, every 15 seconds over the last hours
 * (the short windows' resolution), until a little into the future.
 */
public final class RequestHistory {

    private record Span(Instant from, Instant to, double errorRatio) {
    }

    private final String job;
    private final double requestsPerSecond;
    private final double baselineErrorRatio;
    private final List<Span> spans = new ArrayList<>();

    public RequestHistory(String job, double requestsPerSecond, double baselineErrorRatio) {
        this.job = job;
        this.requestsPerSecond = requestsPerSecond;
        this.baselineErrorRatio = baselineErrorRatio;
    }

    /** From {@code from} to {@code to}, this share of requests fails instead of the baseline's. */
    public RequestHistory failing(Instant from, Instant to, double errorRatio) {
        spans.add(new Span(from, to, errorRatio));
        return this;
    }

    double errorRatioAt(Instant at) {
        double ratio = baselineErrorRatio;
        for (Span span : spans) {
            if (!at.isBefore(span.from) && at.isBefore(span.to)) {
                ratio = span.errorRatio;
            }
        }
        return ratio;
    }

    /** The samples of both counters from {@code start} to {@code end}, finer after {@code fineFrom}. */
    void appendTo(StringBuilder text, Instant start, Instant fineFrom, Duration fineStep, Instant end) {
        for (String code : new String[] {"200", "500"}) {
            double value = 0;
            Instant at = start;
            while (!at.isAfter(end)) {
                text.append(String.format(Locale.ROOT, "http_requests_total{job=\"%s\",code=\"%s\"} %.4f %d%n", job, code, value, at.getEpochSecond()));
                Duration step = at.isBefore(fineFrom) ? Duration.ofMinutes(5) : fineStep;
                // The rate over the step is that at its start: spans begin and end on whole steps in the tests.
                double errors = errorRatioAt(at);
                value += requestsPerSecond * step.toSeconds() * (code.equals("500") ? errors : 1 - errors);
                at = at.plus(step);
            }
        }
    }

    /** The services' histories from {@code start} until {@code end}, fine-grained over the last {@code fine} before {@code now}. */
    public static String openMetrics(List<RequestHistory> services, Instant start, Instant now, Duration fine, Instant end) {
        return openMetrics(services, start, now, fine, Duration.ofSeconds(15), end);
    }

    /** The same, with samples every {@code fineStep} over the last {@code fine}. */
    public static String openMetrics(List<RequestHistory> services, Instant start, Instant now, Duration fine, Duration fineStep, Instant end) {
        StringBuilder text = new StringBuilder("# HELP http_requests Requests answered.\n# TYPE http_requests counter\n");
        // Whole 5-minute steps from the start, so that the fine samples continue on the same grid.
        Instant fineFrom = start.plus(Duration.ofMinutes(5).multipliedBy(Duration.between(start, now.minus(fine)).toMinutes() / 5));
        services.forEach(service -> service.appendTo(text, start, fineFrom, fineStep, end));
        return text.append("# EOF\n").toString();
    }
}
