package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.Sample;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Map<String, List<Sample>> answers = new HashMap<>();
    private final RuleEvaluator evaluator = new RuleEvaluator((query, time) -> {
        List<Sample> answer = answers.get(query + "@" + time.getEpochSecond());
        if (answer == null) {
            throw new PrometheusException(PrometheusException.Kind.QueryFailed, "unexpected query " + query + " at " + time);
        }
        return answer;
    });

    private void answer(String query, Instant at, Sample... samples) {
        answers.put(query + "@" + at.getEpochSecond(), List.of(samples));
    }

    private static Sample sample(double value, String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Sample(map, value);
    }

    private static AlertCondition condition(AlertCondition.Type type, String query, ComparisonOperator op, Double threshold, String window) {
        AlertCondition c = new AlertCondition();
        c.setType(type);
        c.setQuery(query);
        c.setOperator(op);
        c.setThreshold(threshold);
        c.setWindow(window);
        return c;
    }

    private static AlertRuleSpec rule(AlertRuleSpec.Match match, List<String> groupBy, AlertCondition... conditions) {
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setMatch(match);
        spec.setGroupBy(groupBy);
        spec.setConditions(List.of(conditions));
        return spec;
    }

    @Test
    void thresholdGivesOneObservationPerSeries() throws Exception {
        answer("errors", NOW, sample(0.2, "__name__", "errors", "service", "api"), sample(0.01, "service", "web"));

        var result = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, null,
                condition(AlertCondition.Type.Threshold, "errors", ComparisonOperator.gt, 0.05, null)), NOW);

        assertThat(result.values()).extracting(Observation::labels, Observation::holds).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Map.of("service", "api"), true),
                org.assertj.core.groups.Tuple.tuple(Map.of("service", "web"), false));
    }

    @Test
    void everyOperatorCompares() {
        assertThat(RuleEvaluator.compare(2, ComparisonOperator.gt, 1.0)).isTrue();
        assertThat(RuleEvaluator.compare(1, ComparisonOperator.gt, 1.0)).isFalse();
        assertThat(RuleEvaluator.compare(1, ComparisonOperator.gte, 1.0)).isTrue();
        assertThat(RuleEvaluator.compare(0, ComparisonOperator.lt, 1.0)).isTrue();
        assertThat(RuleEvaluator.compare(1, ComparisonOperator.lte, 1.0)).isTrue();
        assertThat(RuleEvaluator.compare(1, ComparisonOperator.eq, 1.0)).isTrue();
        assertThat(RuleEvaluator.compare(1, ComparisonOperator.ne, 1.0)).isFalse();
        assertThat(RuleEvaluator.compare(Double.NaN, ComparisonOperator.ne, 1.0)).as("NaN differs from everything").isTrue();
        assertThat(RuleEvaluator.compare(Double.NaN, ComparisonOperator.gt, 1.0)).isFalse();
        assertThat(RuleEvaluator.compare(Double.NaN, ComparisonOperator.eq, Double.NaN)).isFalse();
    }

    @Test
    void matchAllNeedsEveryConditionForTheSameIdentity() throws Exception {
        answer("errors", NOW, sample(0.2, "service", "api", "pod", "a"), sample(0.2, "service", "web", "pod", "b"));
        answer("latency", NOW, sample(3, "service", "api"), sample(0.1, "service", "web"));
        var errors = condition(AlertCondition.Type.Threshold, "errors", ComparisonOperator.gt, 0.1, null);
        var latency = condition(AlertCondition.Type.Threshold, "latency", ComparisonOperator.gt, 1.0, null);

        var all = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, List.of("service"), errors, latency), NOW);
        var any = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.Any, List.of("service"), errors, latency), NOW);

        assertThat(all.values()).filteredOn(Observation::holds).extracting(Observation::labels).containsExactly(Map.of("service", "api"));
        assertThat(any.values()).filteredOn(Observation::holds).extracting(Observation::labels)
                .containsExactlyInAnyOrder(Map.of("service", "api"), Map.of("service", "web"));
    }

    @Test
    void absenceHoldsWhileTheQueryReturnsNothing() throws Exception {
        answer("up", NOW);
        var absent = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, null,
                condition(AlertCondition.Type.Absence, "up", null, null, null)), NOW);
        answer("up", NOW, sample(1, "job", "api"));
        var present = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, null,
                condition(AlertCondition.Type.Absence, "up", null, null, null)), NOW);

        assertThat(absent.values()).singleElement().satisfies(o -> assertThat(o.holds()).isTrue());
        assertThat(present.values()).as("seen and quiet, so noData never keeps an absence alert firing")
                .singleElement().satisfies(o -> assertThat(o.holds()).isFalse());
    }

    @Test
    void rateOfChangeComparesWithTheValueAWindowAgo() throws Exception {
        answer("rps", NOW.minusSeconds(600), sample(100, "service", "api"), sample(100, "service", "web"), sample(0, "service", "new"));
        answer("rps", NOW, sample(40, "service", "api"), sample(90, "service", "web"), sample(5, "service", "new"));

        var result = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, null,
                condition(AlertCondition.Type.RateOfChange, "rps", ComparisonOperator.lt, -0.5, "10m")), NOW);

        assertThat(result.values()).extracting(o -> o.labels().get("service"), Observation::value, Observation::holds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", -0.6, true),
                        org.assertj.core.groups.Tuple.tuple("web", -0.1, false));
    }

    @Test
    void anomalyUsesTheZScoreOverTheWindow() throws Exception {
        answer("avg_over_time((latency)[30m:])", NOW, sample(100, "service", "api"), sample(100, "service", "flat"));
        answer("stddev_over_time((latency)[30m:])", NOW, sample(10, "service", "api"), sample(0, "service", "flat"));
        answer("latency", NOW, sample(140, "__name__", "latency", "service", "api"), sample(500, "service", "flat"));

        var result = evaluator.evaluate("shop", rule(AlertRuleSpec.Match.All, null,
                condition(AlertCondition.Type.Anomaly, "latency", ComparisonOperator.gt, 3.0, "30m")), NOW);

        assertThat(result.values()).singleElement().satisfies(o -> {
            assertThat(o.labels()).containsEntry("service", "api");
            assertThat(o.value()).isEqualTo(4.0);
            assertThat(o.holds()).isTrue();
        });
    }

    @Test
    void aQueryErrorIsNotAnAnswer() {
        var spec = rule(AlertRuleSpec.Match.Any, null, condition(AlertCondition.Type.Threshold, "broken(", ComparisonOperator.gt, 1.0, null));

        assertThatThrownBy(() -> evaluator.evaluate("shop", spec, NOW)).isInstanceOf(PrometheusException.class);
    }

    @Test
    void fingerprintsAreStableAndDependOnlyOnIdentifyingLabels() {
        var a = AlertIdentity.of(Map.of("service", "api", "pod", "a", "__name__", "x"), List.of("service"));
        var b = AlertIdentity.of(Map.of("pod", "b", "service", "api"), List.of("service"));
        var c = AlertIdentity.of(Map.of("service", "web"), List.of("service"));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(16).isNotEqualTo(c.fingerprint());
        assertThat(AlertIdentity.of(Map.of("__name__", "x", "a", "1"), null).labels()).isEqualTo(Map.of("a", "1"));
    }
}
