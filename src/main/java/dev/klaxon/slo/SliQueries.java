package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec.Ratio;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The PromQL of an objective's SLI. Each counter is read as events per second over a range
 * ({@code sum(rate(selector[range]))}, or the objective's own expression with its
 * {@code [{{.window}}]}), and one query asks for every range at once, each answer tagged with a
 * {@value #TAG} label: one round trip per objective per evaluation.
 */
final class SliQueries {

    static final String TAG = "klaxon_sli";
    static final String WINDOW = "{{.window}}";

    /** Which counter an answer is. */
    enum Counter { good, bad, total }

    private final Map<Counter, String> counters = new LinkedHashMap<>();

    SliQueries(ServiceLevelObjectiveSpec.Sli sli) {
        if (sli.getRatio() != null) {
            Ratio ratio = sli.getRatio();
            if (ratio.getBad() != null) {
                counters.put(Counter.bad, ratio.getBad());
            } else {
                counters.put(Counter.good, ratio.getGood());
            }
            counters.put(Counter.total, ratio.getTotal());
        } else {
            String histogram = sli.getLatency().getHistogram();
            counters.put(Counter.good, withSuffix(histogram, "_bucket", "le=~\"" + spellings(sli.getLatency().getThreshold()) + "\""));
            counters.put(Counter.total, withSuffix(histogram, "_count", null));
        }
    }

    /** Identifies what the queries count: hours counted for other queries are not this objective's any more. */
    String identity() {
        return counters.toString();
    }

    /** Every counter over every range, in one query. */
    String instant(Collection<Duration> ranges) {
        StringJoiner query = new StringJoiner(" or ");
        for (Duration range : ranges) {
            counters.forEach((counter, text) -> query.add(tagged(counter, text, range)));
        }
        return query.toString();
    }

    /** Every counter over one step (an hour, a day), for a range query at steps of that length. */
    String perStep(Duration step) {
        StringJoiner query = new StringJoiner(" or ");
        counters.forEach((counter, text) -> query.add(tagged(counter, text, step)));
        return query.toString();
    }

    /** The events over each range, read from an {@link #instant} answer; a counter without series had none. */
    Map<Duration, EventCounts> countsOf(List<Sample> samples, Collection<Duration> ranges) {
        Map<String, Double> rates = new HashMap<>();
        samples.forEach(s -> rates.put(s.labels().getOrDefault(TAG, ""), s.value()));
        Map<Duration, EventCounts> counts = new LinkedHashMap<>();
        for (Duration range : ranges) {
            counts.put(range, counts(key -> rates.get(key + "_" + range.toSeconds()), range));
        }
        return counts;
    }

    /** The events of each step, by the step's end, read from a {@link #perStep} range answer. */
    Map<Instant, EventCounts> stepsOf(List<PrometheusClient.Series> series, Duration step) {
        Map<String, Map<Instant, Double>> byTag = new HashMap<>();
        series.forEach(s -> byTag.put(s.labels().getOrDefault(TAG, ""), s.values()));
        Map<Instant, EventCounts> steps = new HashMap<>();
        byTag.values().forEach(values -> values.keySet().forEach(at -> steps.computeIfAbsent(at,
                t -> counts(key -> byTag.getOrDefault(key + "_" + step.toSeconds(), Map.of()).get(t), step))));
        return steps;
    }

    private EventCounts counts(java.util.function.Function<String, Double> rate, Duration range) {
        double seconds = range.toSeconds();
        double total = finite(finite(rate.apply(Counter.total.name())) * seconds);
        double bad = counters.containsKey(Counter.bad) ? finite(finite(rate.apply(Counter.bad.name())) * seconds)
                : total - finite(finite(rate.apply(Counter.good.name())) * seconds);
        return new EventCounts(Math.max(0, bad), Math.max(0, total));
    }

    /** A rate or count as a number to add up: no answer, NaN or an infinity (an overflowing expression) is none. */
    private static double finite(Double value) {
        return value == null || !Double.isFinite(value) ? 0 : value;
    }

    private static String tagged(Counter counter, String text, Duration range) {
        return "label_replace(" + rate(text, range) + ", \"" + TAG + "\", \"" + counter.name() + "_" + range.toSeconds() + "\", \"\", \"\")";
    }

    /** Events per second over the range: the sum of a selector's rates, or the expression with the range in it. */
    static String rate(String text, Duration range) {
        String promRange = range.toSeconds() + "s";
        return text.contains(WINDOW) ? "sum(" + text.replace(WINDOW, promRange) + ")" : "sum(rate(" + text + "[" + promRange + "]))";
    }

    /** A histogram series: its base name with a suffix, its matchers and one more. */
    static String withSuffix(String histogram, String suffix, String extraMatcher) {
        int brace = histogram.indexOf('{');
        String name = brace < 0 ? histogram : histogram.substring(0, brace);
        String matchers = brace < 0 ? "" : histogram.substring(brace + 1, histogram.lastIndexOf('}')).strip();
        if (extraMatcher != null) {
            matchers = matchers.isEmpty() ? extraMatcher : matchers.replaceAll(",\\s*$", "") + "," + extraMatcher;
        }
        return name + suffix + "{" + matchers + "}";
    }

    /**
     * The ways a bucket boundary is written, as a regular expression: as given, as Go's client
     * libraries write it (shortest, 1e+06 from a million), and as Prometheus 3 normalises it (1.0
     * for 1). Dots and signs match only themselves.
     */
    static String spellings(String threshold) {
        String go = goShortest(Double.parseDouble(threshold));
        String openMetrics = go.contains(".") || go.contains("e") ? go : go + ".0";
        return new java.util.LinkedHashSet<>(List.of(threshold, go, openMetrics)).stream()
                .map(s -> s.replace(".", "[.]").replace("+", "[+]")).collect(java.util.stream.Collectors.joining("|"));
    }

    /** Go's strconv.FormatFloat(f, 'g', -1, 64): the shortest digits, an exponent of two digits or more below 1e-4 and from 1e+06. */
    static String goShortest(double value) {
        BigDecimal digits = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return digits.toPlainString();
        }
        String mantissa = digits.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
