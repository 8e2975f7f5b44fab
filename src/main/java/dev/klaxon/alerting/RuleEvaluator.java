package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an AlertRule's conditions at one instant and joins them per alert identity.
 * A query error propagates: it is never read as "the condition does not hold".
 */
public final class RuleEvaluator {

    private final QueryRunner prometheus;

    public RuleEvaluator(QueryRunner prometheus) {
        this.prometheus = prometheus;
    }

    /** One entry per alert identity seen by any condition, in first-seen order. */
    public Map<String, Observation> evaluate(String namespace, AlertRuleSpec rule, Instant at) throws PrometheusException {
        QueryRunner prometheus = this.prometheus.forNamespace(namespace);
        List<String> groupBy = rule.getGroupBy();
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        Map<String, Double> firstValue = new HashMap<>();
        Map<String, Integer> holdsCount = new HashMap<>();
        for (AlertCondition condition : rule.getConditions()) {
            Map<String, ConditionResult> results = evaluate(prometheus, condition, groupBy, at);
            for (var entry : results.entrySet()) {
                String fp = entry.getKey();
                labels.putIfAbsent(fp, entry.getValue().identity().labels());
                firstValue.putIfAbsent(fp, entry.getValue().value());
                if (entry.getValue().holds()) {
                    holdsCount.merge(fp, 1, Integer::sum);
                }
            }
        }
        int needed = rule.getMatch() == AlertRuleSpec.Match.Any ? 1 : rule.getConditions().size();
        Map<String, Observation> observations = new LinkedHashMap<>();
        labels.forEach((fp, l) -> observations.put(fp,
                new Observation(fp, l, firstValue.get(fp), holdsCount.getOrDefault(fp, 0) >= needed)));
        return observations;
    }

    private record ConditionResult(AlertIdentity identity, double value, boolean holds) {
    }

    private static Map<String, ConditionResult> evaluate(QueryRunner prometheus, AlertCondition condition, List<String> groupBy, Instant at)
            throws PrometheusException {
        String query = condition.getQuery();
        return switch (condition.getType()) {
            case Threshold -> compareEach(prometheus.query(query, at), groupBy, condition);
            // Present either way: data back is the absence alert's "quiet", not its "no data".
            case Absence -> Map.of(AlertIdentity.of(Map.of(), groupBy).fingerprint(),
                    new ConditionResult(AlertIdentity.of(Map.of(), groupBy), 0, prometheus.query(query, at).isEmpty()));
            case RateOfChange -> rateOfChange(prometheus, condition, groupBy, at);
            case Anomaly -> anomaly(prometheus, condition, groupBy, at);
        };
    }

    /** Relative change against the value `window` ago: (now - then) / |then|. */
    private static Map<String, ConditionResult> rateOfChange(QueryRunner prometheus, AlertCondition condition, List<String> groupBy, Instant at)
            throws PrometheusException {
        Instant then = at.minus(KlaxonDurations.parse(condition.getWindow()));
        Map<Map<String, String>, Double> previous = bySeries(prometheus.query(condition.getQuery(), then));
        Map<String, ConditionResult> results = new LinkedHashMap<>();
        for (Sample now : prometheus.query(condition.getQuery(), at)) {
            Double before = previous.get(withoutName(now.labels()));
            if (before == null || before == 0 || Double.isNaN(before)) {
                continue; // no baseline: a relative change is undefined
            }
            double change = (now.value() - before) / Math.abs(before);
            add(results, AlertIdentity.of(now.labels(), groupBy), change, condition);
        }
        return results;
    }

    /** z-score of the current value against mean and standard deviation over `window`. */
    private static Map<String, ConditionResult> anomaly(QueryRunner prometheus, AlertCondition condition, List<String> groupBy, Instant at)
            throws PrometheusException {
        String range = "(" + condition.getQuery() + ")[" + condition.getWindow() + ":])";
        Map<Map<String, String>, Double> mean = bySeries(prometheus.query("avg_over_time(" + range, at));
        Map<Map<String, String>, Double> stddev = bySeries(prometheus.query("stddev_over_time(" + range, at));
        Map<String, ConditionResult> results = new LinkedHashMap<>();
        for (Sample now : prometheus.query(condition.getQuery(), at)) {
            Map<String, String> series = withoutName(now.labels());
            Double m = mean.get(series);
            Double s = stddev.get(series);
            if (m == null || s == null || s == 0 || Double.isNaN(s)) {
                continue; // a flat or missing history has no z-score
            }
            add(results, AlertIdentity.of(now.labels(), groupBy), (now.value() - m) / s, condition);
        }
        return results;
    }

    private static Map<String, ConditionResult> compareEach(List<Sample> samples, List<String> groupBy, AlertCondition condition) {
        Map<String, ConditionResult> results = new LinkedHashMap<>();
        for (Sample sample : samples) {
            add(results, AlertIdentity.of(sample.labels(), groupBy), sample.value(), condition);
        }
        return results;
    }

    /** Several series of one identity: it holds if any of them holds, reporting a holding value. */
    private static void add(Map<String, ConditionResult> results, AlertIdentity identity, double value, AlertCondition condition) {
        boolean holds = compare(value, condition.getOperator(), condition.getThreshold());
        results.merge(identity.fingerprint(), new ConditionResult(identity, value, holds),
                (old, now) -> old.holds() || !now.holds() ? old : now);
    }

    static boolean compare(double value, ComparisonOperator operator, Double threshold) {
        return operator.holds(value, threshold);
    }

    private static Map<Map<String, String>, Double> bySeries(List<Sample> samples) {
        Map<Map<String, String>, Double> values = new HashMap<>();
        samples.forEach(s -> values.put(withoutName(s.labels()), s.value()));
        return values;
    }

    /** Functions such as avg_over_time drop the metric name; match series on the other labels. */
    private static Map<String, String> withoutName(Map<String, String> labels) {
        if (!labels.containsKey("__name__")) {
            return labels;
        }
        Map<String, String> copy = new HashMap<>(labels);
        copy.remove("__name__");
        return copy;
    }
}
