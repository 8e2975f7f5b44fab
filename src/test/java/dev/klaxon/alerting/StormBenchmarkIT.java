package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: prints the storm figures of issue 14 next to their goals and
 * asserts only that the work happened. Run with hack/bench-storm.sh. One rule whose query
 * suddenly answers 5,000 firing series (interval 10 s), another rule flipped during the storm;
 * first with the default cap on open incidents, then with the cap raised to 5,000.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class StormBenchmarkIT {

    private static final String METRIC = "klaxon_bench_storm";
    private static final int SERIES = Integer.getInteger("klaxon.benchmark.series", 5000);

    private final KubernetesClient admin = TestCluster.get().admin();
    private final TestExporter exporter = TestExporter.get();

    @Test
    void aStormOfFiveThousandSeries() throws Exception {
        TestPrometheus.get();
        run("storm-capped", null, 1);
        run("storm-uncapped", SERIES, 2);
    }

    private void run(String prefix, Integer cap, int round) throws Exception {
        String namespace = TestCluster.get().createNamespace(prefix);
        String storm = "storm-" + round;
        for (int i = 0; i < SERIES; i++) {
            exporter.set(METRIC, 0, "storm", storm, "pod", "pod-" + i);
        }
        exporter.set(METRIC, 0, "storm", storm + "-other", "pod", "other");
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicLong firstMillis = new AtomicLong();
        AtomicLong lastMillis = new AtomicLong();
        AtomicLong otherMillis = new AtomicLong();
        // The JVM settings of the chart's image, as within its 512 Mi limit (a 205 MiB heap), and any
        // operator settings given to the benchmark (-Dklaxon.benchmark.operator="-Da=1 -Db=2").
        List<String> settings = new ArrayList<>(List.of(OperatorProcess.containerJvm("512m")));
        settings.addAll(List.of(System.getProperty("klaxon.benchmark.operator", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        try (OperatorProcess operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start();
             var watch = admin.resources(Incident.class).inNamespace(namespace).watch(new Watcher<>() {
                 @Override
                 public void eventReceived(Action action, Incident incident) {
                     if (action == Action.ADDED) {
                         long now = System.currentTimeMillis();
                         if ("other".equals(incident.getMetadata().getLabels().get(KlaxonApi.LABEL_RULE))) {
                             otherMillis.compareAndSet(0, now);
                         } else {
                             firstMillis.compareAndSet(0, now);
                             lastMillis.set(now);
                         }
                         seen.merge(incident.getMetadata().getLabels().get(KlaxonApi.LABEL_RULE) + "/"
                                 + incident.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT), 1L, Long::sum);
                     }
                 }

                 @Override
                 public void onClose(WatcherException cause) {
                 }
             })) {
            admin.resource(rule(namespace, "storm", METRIC + "{storm=\"" + storm + "\"}", cap)).create();
            admin.resource(rule(namespace, "other", METRIC + "{storm=\"" + storm + "-other\"}", null)).create();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                AlertRule rule = admin.resources(AlertRule.class).inNamespace(namespace).withName("storm").get();
                return rule.getStatus() != null && rule.getStatus().getLastEvaluationTime() != null;
            });
            long rssBefore = operator.rssKiB();
            var lease = admin.leases().inNamespace(dev.klaxon.testing.OperatorUnderTest.NAMESPACE).withName("klaxon-" + namespace);
            int transitionsBefore = lease.get().getSpec().getLeaseTransitions();

            long flipped = System.currentTimeMillis();
            for (int i = 0; i < SERIES; i++) {
                exporter.set(METRIC, 9, "storm", storm, "pod", "pod-" + i);
            }
            // During the storm another rule's alert fires: it must not wait for the storm.
            exporter.set(METRIC, 9, "storm", storm + "-other", "pod", "other");
            int expected = cap == null ? IncidentTemplate.DEFAULT_MAX_OPEN_INCIDENTS + 1 : SERIES;
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> seen.keySet().stream().filter(k -> k.startsWith("storm/")).count() >= expected
                            && seen.keySet().stream().anyMatch(k -> k.startsWith("other/")));
            AlertRule rule = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.resources(AlertRule.class).inNamespace(namespace).withName("storm").get(),
                            r -> r.getStatus().getAlertCounts() != null && Integer.valueOf(SERIES).equals(r.getStatus().getAlertCounts().getFiring()));
            int ruleBytes = admin.getKubernetesSerialization().asJson(rule).getBytes(StandardCharsets.UTF_8).length;
            long rssAfter = operator.rssKiB();
            long duplicates = seen.values().stream().filter(n -> n > 1).count();
            String title = cap == null ? "default cap (" + IncidentTemplate.DEFAULT_MAX_OPEN_INCIDENTS + ")" : "cap raised to " + cap;
            System.out.printf(Locale.ROOT, "%n=== storm of %d firing series, rule interval 10s, %s ===%n", SERIES, title);
            // Ticks are aligned to multiples of the interval: the one that saw the storm began at the
            // last multiple before the first incident.
            long tick = firstMillis.get() / 10_000 * 10_000;
            System.out.printf(Locale.ROOT, "metric change -> first incident: %.1f s, of which waiting for the next 10 s tick %.1f s%n",
                    (firstMillis.get() - flipped) / 1e3, (tick - flipped) / 1e3);
            System.out.printf(Locale.ROOT, "evaluation tick -> first incident: %.2f s (goal <= 2 s)%n", (firstMillis.get() - tick) / 1e3);
            System.out.printf(Locale.ROOT, "evaluation tick -> all %d incidents: %.1f s (goal: capped <= 10 s, 5,000 individual <= 30 s)%n",
                    expected, (lastMillis.get() - tick) / 1e3);
            System.out.printf(Locale.ROOT, "another rule flipped during the storm -> its incident: %.1f s (goal: two intervals, 20 s)%n",
                    (otherMillis.get() - flipped) / 1e3);
            System.out.printf(Locale.ROOT, "rule object: %d KiB (goal <= 256 KiB; etcd refuses 1.5 MiB)%n", ruleBytes / 1024);
            System.out.printf(Locale.ROOT, "operator RSS: %d MiB before, %d MiB after (+%d MiB, goal +<= 50 MiB)%n", rssBefore / 1024,
                    rssAfter / 1024, (rssAfter - rssBefore) / 1024);
            System.out.printf(Locale.ROOT, "incidents of the storm rule: %d, duplicates: %d%n",
                    seen.keySet().stream().filter(k -> k.startsWith("storm/")).count(), duplicates);
            int transitionsAfter = lease.get().getSpec().getLeaseTransitions();
            System.out.printf(Locale.ROOT, "Lease transitions during the storm: %d, operator %s (goal: 0, up)%n", transitionsAfter - transitionsBefore,
                    operator.isAlive() ? "up" : "EXITED");
            assertThat(duplicates).isZero();
            assertThat(transitionsAfter).isEqualTo(transitionsBefore);
        } finally {
            for (int i = 0; i < SERIES; i++) {
                exporter.remove(METRIC, "storm", storm, "pod", "pod-" + i);
            }
        }
    }

    private static AlertRule rule(String namespace, String name, String query, Integer cap) {
        AlertCondition condition = new AlertCondition();
        condition.setType(AlertCondition.Type.Threshold);
        condition.setQuery(query);
        condition.setOperator(ComparisonOperator.gt);
        condition.setThreshold(5.0);
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(AlertRuleSpec.RuleSeverity.SEV4);
        spec.setCategory(Category.AVAILABILITY);
        spec.setInterval("10s");
        spec.setConditions(List.of(condition));
        IncidentTemplate template = new IncidentTemplate();
        template.setMaxOpenIncidents(cap);
        spec.setIncident(template);
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        rule.setSpec(spec);
        return rule;
    }
}
