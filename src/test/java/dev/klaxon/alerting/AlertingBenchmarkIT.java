package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: prints numbers, asserts only that the work happened.
 * Run with hack/bench-alerting.sh. 200 rules on a 10s interval against a real Prometheus
 * scraping every second: evaluation lag percentiles, then metric-change -> Incident latency
 * for rules on a 10s and on a 1s interval.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class AlertingBenchmarkIT {

    private static final String METRIC = "klaxon_bench_value";
    private static final int RULES = Integer.getInteger("klaxon.benchmark.rules", 200);
    private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("klaxon.benchmark.seconds", 90));
    private static final int FLIPS = Integer.getInteger("klaxon.benchmark.flips", 20);

    private final KubernetesClient admin = TestCluster.get().admin();
    private final TestExporter exporter = TestExporter.get();
    private final Map<String, Long> incidentSeenNanos = new ConcurrentHashMap<>();

    @Test
    void evaluationLagAndMetricChangeToIncidentLatency() throws Exception {
        String namespace = TestCluster.get().createNamespace("bench");
        TestPrometheus.get();
        for (int i = 0; i < RULES + 2 * FLIPS; i++) {
            exporter.set(METRIC, 0, "rule", "r" + i);
        }
        try (OperatorProcess operator = new OperatorProcess(namespace).start();
             var watch = admin.resources(Incident.class).inNamespace(namespace).watch(new Watcher<>() {
                 @Override
                 public void eventReceived(Action action, Incident incident) {
                     if (action == Action.ADDED) {
                         incidentSeenNanos.putIfAbsent(incident.getMetadata().getLabels().get(KlaxonApi.LABEL_RULE), System.nanoTime());
                     }
                 }

                 @Override
                 public void onClose(WatcherException cause) {
                 }
             })) {
            for (int i = 0; i < RULES; i++) {
                admin.resource(rule(namespace, "r" + i, "10s")).create();
            }
            long started = System.nanoTime();
            Awaitility.await().atMost(STEADY.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.nanoTime() - started >= STEADY.toNanos());
            double evaluations = operator.metric("klaxon_rule_evaluations_total");
            double expected = RULES * (STEADY.toSeconds() / 10.0);
            System.out.printf(Locale.ROOT, "%n=== %d rules, interval 10s, %ds steady state ===%n", RULES, STEADY.toSeconds());
            System.out.printf(Locale.ROOT, "evaluations: %.0f (%.0f expected on schedule, %.0f%%), skipped ticks: %.0f%n", evaluations, expected,
                    100 * evaluations / expected, operator.metric("klaxon_rule_evaluations_total{result=\"skipped_still_running\"}"));
            for (String q : List.of("0.5", "0.9", "0.99")) {
                System.out.printf(Locale.ROOT, "evaluation lag p%d: %.1f ms%n", Math.round(Double.parseDouble(q) * 100),
                        1000 * operator.metric("klaxon_rule_evaluation_lag_seconds{quantile=\"" + q + "\"}"));
            }
            System.out.printf(Locale.ROOT, "evaluation lag max: %.1f ms%n", 1000 * operator.metric("klaxon_rule_evaluation_lag_seconds_max"));
            double count = operator.metric("klaxon_rule_evaluation_duration_seconds_count{result=\"success\"}");
            System.out.printf(Locale.ROOT, "evaluation duration mean: %.1f ms%n",
                    1000 * operator.metric("klaxon_rule_evaluation_duration_seconds_sum{result=\"success\"}") / count);
            assertThat(evaluations).isPositive();

            for (String interval : List.of("10s", "1s")) {
                List<Double> latencies = new ArrayList<>();
                int offset = RULES + (interval.equals("1s") ? FLIPS : 0);
                for (int i = offset; i < offset + FLIPS; i++) {
                    String name = "r" + i;
                    admin.resource(rule(namespace, name, interval)).create();
                }
                // Let the new rules evaluate (quietly) once, so the measurement starts on a running schedule.
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    AlertRule last = admin.resources(AlertRule.class).inNamespace(namespace).withName("r" + (offset + FLIPS - 1)).get();
                    return last.getStatus() != null && last.getStatus().getLastEvaluationTime() != null;
                });
                java.util.Random random = new java.util.Random(42);
                long intervalMillis = dev.klaxon.common.KlaxonDurations.parse(interval).toMillis();
                for (int i = offset; i < offset + FLIPS; i++) {
                    String name = "r" + i;
                    // Change the metric at a random point of the evaluation cycle, not right after a tick.
                    long pause = (long) (random.nextDouble() * intervalMillis);
                    long until = System.nanoTime() + pause * 1_000_000;
                    Awaitility.await().atMost(Duration.ofMillis(pause + 5000)).pollInterval(Duration.ofMillis(5))
                            .until(() -> System.nanoTime() >= until);
                    long flipped = System.nanoTime();
                    exporter.set(METRIC, 1, "rule", name);
                    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> incidentSeenNanos.containsKey(name));
                    latencies.add((incidentSeenNanos.get(name) - flipped) / 1e6);
                }
                latencies.sort(Double::compare);
                System.out.printf(Locale.ROOT, "metric change -> Incident, interval %s (scrape 1s), %d samples: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        interval, latencies.size(), percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
            }
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static AlertRule rule(String namespace, String name, String interval) {
        AlertCondition condition = new AlertCondition();
        condition.setType(AlertCondition.Type.Threshold);
        condition.setQuery(METRIC + "{rule=\"" + name + "\"}");
        condition.setOperator(ComparisonOperator.gt);
        condition.setThreshold(0.5);
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(AlertRuleSpec.RuleSeverity.SEV4);
        spec.setCategory(Category.PERFORMANCE);
        spec.setInterval(interval);
        spec.setConditions(List.of(condition));
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        rule.setSpec(spec);
        return rule;
    }
}
