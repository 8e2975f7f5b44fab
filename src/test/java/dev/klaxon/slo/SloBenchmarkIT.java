package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.testing.BackfilledPrometheus;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.ProcessCpu;
import dev.klaxon.testing.RequestHistory;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: what 100 objectives cost, evaluated by Klaxon and, side by
 * side in one run against one Prometheus, as the recording and alerting rules Sloth generates for
 * them in Prometheus's ruler. The Prometheus holds 30 days of backfilled requests of 100 services
 * (every minute over the last 3 days, every 5 minutes before), ten of them burning their budget
 * fast. Phases: Prometheus alone, then with the Sloth-style rules, then the operator without
 * objectives, then evaluating them (the default 30 s interval, the ruler's too). Prints CPU of Prometheus and the
 * operator, evaluations done, and the ruler's page alerts against Klaxon's incidents; asserts only
 * that the work happened. Run with hack/bench-slo.sh.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class SloBenchmarkIT {

    private static final int OBJECTIVES = Integer.getInteger("klaxon.benchmark.slos", 100);
    private static final int BURNING = OBJECTIVES / 10;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("klaxon.benchmark.seconds", 120));
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final String[] WINDOWS = {"5m", "30m", "1h", "2h", "6h", "1d", "3d"};

    private final KubernetesClient admin = TestCluster.get().admin();

    @Test
    void oneHundredObjectivesInKlaxonAndAsSlothRulesInPrometheus() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RequestHistory> services = new ArrayList<>();
        for (int s = 0; s < OBJECTIVES; s++) {
            RequestHistory history = new RequestHistory(service(s), 10, 0.0002);
            if (s < BURNING) {
                // 2 % failing (20x) for the last 50 minutes: both windows of the 14.4x page burn.
                history.failing(now.minus(Duration.ofMinutes(50)), now.plus(Duration.ofHours(2)), 0.02);
            }
            services.add(history);
        }
        String openMetrics = RequestHistory.openMetrics(services, now.minus(Duration.ofDays(31)), now, Duration.ofDays(3), Duration.ofMinutes(1),
                now.plus(Duration.ofMinutes(30)));
        try (BackfilledPrometheus prometheus = BackfilledPrometheus.start("bench-slo", openMetrics)) {
            // The suite's own Prometheus (started for the operator's defaults) must not compete for the cores.
            TestPrometheus.get().stop();
            double idle = measure(prometheus.process().pid(), null).prometheus();

            prometheus.rules(slothRules(), INTERVAL);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheus.ownMetric("prometheus_rule_group_iterations_total") >= OBJECTIVES * 2);
            double iterationsBefore = prometheus.ownMetric("prometheus_rule_group_iterations_total");
            double ruler = measure(prometheus.process().pid(), null).prometheus();
            double iterations = prometheus.ownMetric("prometheus_rule_group_iterations_total") - iterationsBefore;
            double missed = prometheus.ownMetric("prometheus_rule_group_iterations_missed_total");
            int pages = (int) prometheus.value("count(ALERTS{alertstate=\"firing\",severity=\"page\"}) or vector(0)");
            prometheus.rules("groups: []\n", INTERVAL);

            String namespace = TestCluster.get().createNamespace("bench-slo");
            List<String> settings = new ArrayList<>(List.of(OperatorProcess.containerJvm("512m")));
            settings.add("-Dklaxon.prometheus.url=" + prometheus.url());
            try (OperatorProcess operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start()) {
                double operatorIdle = measure(prometheus.process().pid(), operator).operator();
                long started = System.nanoTime();
                long prometheusBefore = ProcessCpu.ticks(prometheus.process().pid());
                for (int s = 0; s < OBJECTIVES; s++) {
                    admin.resource(objective(namespace, s)).create();
                }
                // Every objective read its 30 days of hours back (one range query each) and evaluated once.
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> operator.metric("klaxon_slo_evaluations_total{result=\"success\"}") >= OBJECTIVES);
                double startSeconds = (System.nanoTime() - started) / 1e9;
                double startPrometheusCpu = (ProcessCpu.ticks(prometheus.process().pid()) - prometheusBefore) / ProcessCpu.TICKS_PER_SECOND;
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> operator.metric("klaxon_slo_evaluations_total{result=\"success\"}") >= OBJECTIVES * 2);
                double evaluationsBefore = operator.metric("klaxon_slo_evaluations_total{result=\"success\"}");
                Cpu klaxon = measure(prometheus.process().pid(), operator);
                double evaluations = operator.metric("klaxon_slo_evaluations_total{result=\"success\"}") - evaluationsBefore;
                int incidents = admin.resources(Incident.class).inNamespace(namespace).list().getItems().size();

                System.out.printf(Locale.ROOT, "%n=== %d objectives (99.9 %%, 30d, the Workbook's page and ticket pairs), %d of them burning 20x; "
                        + "30 days of history, every minute over the last 3 days; interval %ds; %ds per phase ===%n",
                        OBJECTIVES, BURNING, INTERVAL.toSeconds(), PHASE.toSeconds());
                System.out.printf(Locale.ROOT, "| cost | Sloth-style rules in Prometheus's ruler | Klaxon |%n|---|---|---|%n");
                System.out.printf(Locale.ROOT, "| Prometheus CPU above idle | %.3f cores | %.3f cores |%n", ruler - idle, klaxon.prometheus() - idle);
                System.out.printf(Locale.ROOT, "| operator CPU above its idle | - | %.3f cores (%.3f with no objective) |%n",
                        klaxon.operator() - operatorIdle, operatorIdle);
                System.out.printf(Locale.ROOT, "| evaluations done / due | %.0f / %.0f group iterations (%d groups), %.0f missed | %.0f / %.0f |%n",
                        iterations, 2 * OBJECTIVES * PHASE.toSeconds() / (double) INTERVAL.toSeconds(), 2 * OBJECTIVES, missed, evaluations,
                        OBJECTIVES * PHASE.toSeconds() / (double) INTERVAL.toSeconds());
                System.out.printf(Locale.ROOT, "| page alerts firing / incidents | %d | %d |%n", pages, incidents);
                System.out.printf(Locale.ROOT, "| start: every objective evaluated once (30 days of hours read back) | - | %.1f s, %.1f s of Prometheus CPU |%n",
                        startSeconds, startPrometheusCpu);
                System.out.printf(Locale.ROOT, "| operator RSS | - | %d MiB |%n", operator.rssKiB() / 1024);
                System.out.println("=== end ===");
                assertThat(iterations).isPositive();
                assertThat(evaluations).isPositive();
            }
        }
    }

    private static String service(int s) {
        return "svc-" + s;
    }

    /** Cores used over a phase. */
    private record Cpu(double prometheus, double operator) {
    }

    /** CPU of Prometheus (and of the operator, if any) over one phase. */
    private static Cpu measure(long prometheusPid, OperatorProcess operator) {
        long prometheusBefore = ProcessCpu.ticks(prometheusPid);
        long operatorBefore = operator == null ? 0 : ProcessCpu.ticks(operator.pid());
        long started = System.nanoTime();
        Awaitility.await().atMost(PHASE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> System.nanoTime() - started >= PHASE.toNanos());
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Cpu((ProcessCpu.ticks(prometheusPid) - prometheusBefore) / ProcessCpu.TICKS_PER_SECOND / seconds,
                operator == null ? 0 : (ProcessCpu.ticks(operator.pid()) - operatorBefore) / ProcessCpu.TICKS_PER_SECOND / seconds);
    }

    private static String errors(int s) {
        return "http_requests_total{job=\"" + service(s) + "\",code=\"500\"}";
    }

    private static String total(int s) {
        return "http_requests_total{job=\"" + service(s) + "\"}";
    }

    /**
     * What Sloth generates for each objective: the error ratio over every alert window, the 30-day
     * ratio from the 5-minute one, and the page and ticket alerts (its metadata rules, constant
     * values, left out).
     */
    static String slothRules() {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int s = 0; s < OBJECTIVES; s++) {
            String id = service(s);
            yaml.append("  - name: sloth-slo-sli-recordings-").append(id).append("\n    rules:\n");
            for (String window : WINDOWS) {
                yaml.append("      - record: slo:sli_error:ratio_rate").append(window).append("\n        expr: (sum(rate(").append(errors(s))
                        .append("[").append(window).append("]))) / (sum(rate(").append(total(s)).append("[").append(window).append("])))\n")
                        .append("        labels: {sloth_id: ").append(id).append(", sloth_window: ").append(window).append("}\n");
            }
            yaml.append("      - record: slo:sli_error:ratio_rate30d\n        expr: sum_over_time(slo:sli_error:ratio_rate5m{sloth_id=\"").append(id)
                    .append("\"}[30d]) / ignoring (sloth_window) count_over_time(slo:sli_error:ratio_rate5m{sloth_id=\"").append(id).append("\"}[30d])\n")
                    .append("        labels: {sloth_id: ").append(id).append(", sloth_window: 30d}\n");
            yaml.append("  - name: sloth-slo-alerts-").append(id).append("\n    rules:\n");
            yaml.append("      - alert: ").append(id).append("-page\n        expr: ").append(pair(id, "5m", "1h", 14.4)).append(" or ")
                    .append(pair(id, "30m", "6h", 6)).append("\n        labels: {severity: page}\n");
            yaml.append("      - alert: ").append(id).append("-ticket\n        expr: ").append(pair(id, "2h", "1d", 3)).append(" or ")
                    .append(pair(id, "6h", "3d", 1)).append("\n        labels: {severity: ticket}\n");
        }
        return yaml.toString();
    }

    private static String pair(String id, String shortWindow, String longWindow, double factor) {
        return String.format(Locale.ROOT, "(max(slo:sli_error:ratio_rate%s{sloth_id=\"%s\"} > (%s * 0.001)) without (sloth_window) "
                + "and max(slo:sli_error:ratio_rate%s{sloth_id=\"%s\"} > (%s * 0.001)) without (sloth_window))",
                shortWindow, id, factor, longWindow, id, factor);
    }

    private static ServiceLevelObjective objective(String namespace, int s) {
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setService(service(s));
        spec.setObjective(99.9);
        ServiceLevelObjectiveSpec.Sli sli = new ServiceLevelObjectiveSpec.Sli();
        ServiceLevelObjectiveSpec.Ratio ratio = new ServiceLevelObjectiveSpec.Ratio();
        ratio.setBad(errors(s));
        ratio.setTotal(total(s));
        sli.setRatio(ratio);
        spec.setSli(sli);
        ServiceLevelObjective slo = new ServiceLevelObjective();
        slo.setMetadata(new ObjectMetaBuilder().withName(service(s)).withNamespace(namespace).build());
        slo.setSpec(spec);
        return slo;
    }
}
