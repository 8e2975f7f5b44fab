package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.ReviewPhase;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: the packaged operator (the image's JVM settings in 512 Mi)
 * against a history of closed incidents as the operator leaves them (final, with a status and a
 * timeline, and each with its completed review), at each level of -Dklaxon.benchmark.history (0,2000,20000): operator RSS and idle CPU,
 * kube-apiserver + etcd CPU over the same idle half-minute, and restart to Ready and to the first
 * rule evaluation. Run with hack/bench-history.sh, which also runs LeaseUnderLoadIT's burst.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class HistoryBenchmarkIT {

    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final long TICKS_PER_SECOND = 100;

    @Test
    void closedIncidentsCostTheOperatorNothing() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("history");
        admin.resource(Rules.aboveOne(namespace, "heartbeat", "vector(0)", AlertRuleSpec.RuleSeverity.SEV4, Category.AVAILABILITY)).create();
        TestPrometheus.get();
        List<String> rows = new ArrayList<>();
        int present = 0;
        for (int level : Arrays.stream(System.getProperty("klaxon.benchmark.history", "0,2000,20000").split(","))
                .mapToInt(Integer::parseInt).toArray()) {
            long started = System.nanoTime();
            addClosedIncidents(admin, namespace, present, level);
            long createdSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            present = Math.max(present, level);
            String baseline = System.getProperty("klaxon.benchmark.baseline");
            if (baseline != null) {
                rows.add(measureOf(baseline, namespace, level));
            }
            rows.add(measureOf("target/quarkus-app", namespace, level) + String.format(" (history written in %d s)", createdSeconds));
        }
        System.out.println("=== history benchmark (goal: RSS and idle CPU within 10 % of none, Ready and evaluating within 30 s)");
        System.out.println("closed incidents | build | operator RSS | operator idle CPU | apiserver+etcd idle CPU | start to Ready | start to first evaluation");
        rows.forEach(System.out::println);
    }

    /** The measurement with the application in {@code app} (this build's, or a baseline's); a start that fails says so. */
    private static String measureOf(String app, String namespace, int level) {
        System.setProperty("klaxon.operator.app", app);
        String build = app.equals("target/quarkus-app") ? "this" : "baseline";
        try {
            return measure(namespace, level, build);
        } catch (Exception | AssertionError e) {
            return String.format("%,d | %s | failed: %s", level, build, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } finally {
            System.clearProperty("klaxon.operator.app");
            // The next start finds the Lease free, as a restarted pod (same identity) does: start-up alone is measured.
            TestCluster.get().admin().leases().inNamespace(dev.klaxon.testing.OperatorUnderTest.NAMESPACE).withName("klaxon-" + namespace).delete();
        }
    }

    private static String measure(String namespace, int level, String build) throws Exception {
        List<String> settings = new ArrayList<>(List.of(OperatorProcess.containerJvm("512m")));
        long start = System.nanoTime();
        try (OperatorProcess operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start()) {
            double ready = (System.nanoTime() - start) / 1e9;
            Awaitility.await("first evaluation").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> operator.metric("klaxon_rule_last_evaluation_timestamp_seconds") > 0);
            double evaluated = (System.nanoTime() - start) / 1e9;
            // Let start-up settle, then measure a quiet half-minute.
            Awaitility.await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
            long[] control = controlPlanePids();
            long operatorBefore = cpuTicks(operator.pid());
            long controlBefore = Arrays.stream(control).map(HistoryBenchmarkIT::cpuTicks).sum();
            Awaitility.await().pollDelay(IDLE).atMost(IDLE.plusSeconds(1)).until(() -> true);
            double operatorCpu = (cpuTicks(operator.pid()) - operatorBefore) / (double) TICKS_PER_SECOND / IDLE.toSeconds();
            double controlCpu = (Arrays.stream(control).map(HistoryBenchmarkIT::cpuTicks).sum() - controlBefore)
                    / (double) TICKS_PER_SECOND / IDLE.toSeconds();
            assertThat(operator.isAlive()).isTrue();
            return String.format("%,d | %s | %d MiB | %.3f cores | %.3f cores | %.1f s | %.1f s", level, build, operator.rssKiB() / 1024, operatorCpu,
                    controlCpu, ready, evaluated);
        }
    }

    /** Closed incidents as the operator leaves them (Closed, a status with a timeline, final), each with its completed, final review. */
    private static void addClosedIncidents(KubernetesClient admin, String namespace, int from, int to) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> written = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int n = i;
            written.add(writers.submit(() -> {
                Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
                incident.getMetadata().setNamespace(namespace);
                incident.getMetadata().setName("history-" + n);
                incident.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of(KlaxonApi.LABEL_FINAL, "true")));
                incident.getSpec().setPhase(IncidentPhase.Closed);
                incident.getSpec().setEscalationPolicyRef(null);
                Incident created = admin.resource(incident).create();
                IncidentStatus status = new IncidentStatus();
                status.setPhase(IncidentPhase.Closed);
                status.setDetectedAt("2025-01-01T00:00:00Z");
                status.setResolvedAt("2025-01-01T01:00:00Z");
                status.setClosedAt("2025-01-08T01:00:00Z");
                status.setTimeline(new ArrayList<>(IntStream.range(0, 10).mapToObj(t -> new TimelineEntry("2025-01-01T00:0" + t + ":00Z",
                        "Update", "an entry of the incident's record, as long as a real one tends to be", "klaxon")).toList()));
                created.setStatus(status);
                admin.resource(created).updateStatus();
                PostIncidentReview review = ManifestFixtures.example("postincidentreview-checkout-eu-outage.yaml", PostIncidentReview.class);
                review.getMetadata().setNamespace(namespace);
                review.getMetadata().setName("pir-history-" + n);
                review.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of(KlaxonApi.LABEL_FINAL, "true")));
                review.getSpec().setIncidentRef("history-" + n);
                review.getSpec().setPhase(ReviewPhase.completed);
                review.getSpec().getActionItems().forEach(item -> item.setStatus(ActionItem.Status.completed));
                return admin.resource(review).create();
            }));
        }
        for (Future<?> f : written) {
            f.get();
        }
        writers.shutdown();
    }

    private static long[] controlPlanePids() throws IOException {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String command = Files.readString(p.resolve("comm")).strip();
                    return command.equals("kube-apiserver") || command.equals("etcd");
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).toArray();
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

}
