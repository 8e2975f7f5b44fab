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
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.ProcessCpu;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The headline benchmark, not a test of speed: the same alerting rules in Prometheus's own ruler
 * and in Klaxon, against one Prometheus (its own process here, scraping every 10 s like a
 * production one) and one exporter of 50 services x 20 instances, measured one after the other
 * in one run: Prometheus scraping alone, then with its ruler, then Klaxon evaluating the rules
 * over HTTP. Prints CPU of Prometheus, the operator, kube-apiserver and etcd, operator RSS,
 * evaluations done vs due, and the ruler's firing alerts vs Klaxon's open incidents. Asserts only
 * that the work happened. Run with hack/bench-ruler.sh.
 *
 * <p>Rules: each of 50 services gets 20 rules over the same per-instance error ratio with
 * different thresholds, so 20 rules share a query ({@code -Dklaxon.benchmark.distinct=true} makes
 * every query distinct, which Klaxon cannot share).
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class RulerBenchmarkIT {

    private static final String METRIC = "klaxon_bench_error_ratio";
    private static final int SERVICES = 50;
    private static final int INSTANCES = 20;
    private static final int RULES_PER_SERVICE = 20;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("klaxon.benchmark.seconds", 90));
    private static final boolean DISTINCT = Boolean.getBoolean("klaxon.benchmark.distinct");
    /** No alert fires: what 1,000 quiet rules cost (status is written only when something changes). */
    private static final boolean QUIET = Boolean.getBoolean("klaxon.benchmark.quiet");
    /** The lowest rule threshold (values are uniform in 0..0.1): 0.093 gives about 1,000 open incidents. */
    private static final double THRESHOLD = Double.parseDouble(System.getProperty("klaxon.benchmark.threshold", "0.095"));
    /** Prints the operator's native memory by category (jcmd VM.native_memory) after the Klaxon phase. */
    private static final boolean NATIVE_MEMORY = Boolean.getBoolean("klaxon.benchmark.nmt");

    private final KubernetesClient admin = TestCluster.get().admin();
    private final Path dir = TestCluster.PROJECT.resolve("target/bench-ruler");
    private final int port = Ports.free();
    private Process prometheus;

    @Test
    void theSameRulesInPrometheusRulerAndInKlaxon() throws Exception {
        Random random = new Random(7);
        for (int s = 0; s < SERVICES; s++) {
            for (int i = 0; i < INSTANCES; i++) {
                exporterSet(s, i, random.nextDouble() * 0.1);
            }
        }
        Files.createDirectories(dir);
        TestCluster.deleteRecursively(dir.resolve("data"));
        Files.writeString(dir.resolve("rules.yml"), rulerRules());
        writeConfig(false);
        startPrometheus();
        try {
            awaitScraped();
            Measure idle = measure("Prometheus scraping only", null);

            writeConfig(true);
            reload();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheusMetric("prometheus_rule_group_iterations_total") >= SERVICES);
            double iterationsBefore = prometheusMetric("prometheus_rule_group_iterations_total");
            double missedBefore = prometheusMetric("prometheus_rule_group_iterations_missed_total");
            Measure ruler = measure("Prometheus with its ruler", null);
            double iterations = prometheusMetric("prometheus_rule_group_iterations_total") - iterationsBefore;
            double missed = prometheusMetric("prometheus_rule_group_iterations_missed_total") - missedBefore;
            int rulerFiring = (int) query("count(ALERTS{alertstate=\"firing\"}) or vector(0)");

            writeConfig(false);
            reload();
            String namespace = TestCluster.get().createNamespace("bench-ruler");
            List<String> settings = new ArrayList<>(List.of(OperatorProcess.containerJvm("512m")));
            settings.add("-Dklaxon.prometheus.url=http://127.0.0.1:" + port);
            if (NATIVE_MEMORY) {
                settings.add("-XX:NativeMemoryTracking=summary");
            }
            try (OperatorProcess operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start()) {
                // The suite's own Prometheus (started for the operator's defaults) must not compete for the cores.
                TestPrometheus.get().stop();
                for (int s = 0; s < SERVICES; s++) {
                    for (int v = 0; v < RULES_PER_SERVICE; v++) {
                        admin.resource(klaxonRule(namespace, s, v)).create();
                    }
                }
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> operator.metric("klaxon_rule_evaluations_total") >= SERVICES * RULES_PER_SERVICE * 2);
                double evaluationsBefore = operator.metric("klaxon_rule_evaluations_total");
                Measure klaxon = measure("Klaxon", operator);
                double evaluations = operator.metric("klaxon_rule_evaluations_total") - evaluationsBefore;
                int openIncidents = (int) admin.resources(Incident.class).inNamespace(namespace).list().getItems().stream()
                        .filter(i -> i.getSpec().getPhase().isOpen()).count();

                int rules = SERVICES * RULES_PER_SERVICE;
                double due = rules * PHASE.toSeconds() / 10.0;
                System.out.printf(Locale.ROOT, "%n=== %d alerting rules, interval 10s, %d services x %d instances, scrape 10s, %ds per phase, %s ===%n",
                        rules, SERVICES, INSTANCES, PHASE.toSeconds(), (DISTINCT ? "all-distinct" : "shared (20 rules per query)")
                        + (QUIET ? ", no alert firing" : ""));
                System.out.printf(Locale.ROOT, "| cost | Prometheus ruler | Klaxon |%n|---|---|---|%n");
                System.out.printf(Locale.ROOT, "| Prometheus CPU above scraping | %.3f cores | %.3f cores |%n",
                        ruler.prometheus() - idle.prometheus(), klaxon.prometheus() - idle.prometheus());
                System.out.printf(Locale.ROOT, "| operator CPU | - | %.3f cores |%n", klaxon.operator());
                System.out.printf(Locale.ROOT, "| kube-apiserver + etcd CPU | - | %.3f cores (%.3f with Prometheus alone) |%n",
                        klaxon.apiserver() + klaxon.etcd(), idle.apiserver() + idle.etcd());
                System.out.printf(Locale.ROOT, "| operator RSS | - | %d MiB |%n", klaxon.operatorRssKiB() / 1024);
                System.out.printf(Locale.ROOT, "| evaluations done / due | %.0f / %.0f group iterations (%d rules each), %.0f missed | %.0f / %.0f |%n",
                        iterations, SERVICES * PHASE.toSeconds() / 10.0, RULES_PER_SERVICE, missed, evaluations, due);
                System.out.printf(Locale.ROOT, "| firing alerts / open incidents | %d firing alerts | %d open incidents |%n", rulerFiring, openIncidents);
                System.out.printf(Locale.ROOT, "| operator threads | - | %d |%n", operator.threads());
                if (NATIVE_MEMORY) {
                    System.out.println("=== operator native memory (jcmd VM.native_memory summary) ===");
                    System.out.println(operator.jcmd("VM.native_memory", "summary"));
                    System.out.println("=== operator heap, largest classes (jcmd GC.class_histogram) ===");
                    System.out.println(operator.jcmd("GC.class_histogram").lines().limit(30).collect(java.util.stream.Collectors.joining("\n")));
                }
                System.out.println("=== end ===");
                assertThat(evaluations).isPositive();
                assertThat(iterations).isPositive();
            }
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    private record Measure(double prometheus, double operator, double apiserver, double etcd, long operatorRssKiB) {
    }

    /** CPU (cores) of each process over one phase, from /proc/<pid>/stat. */
    private Measure measure(String phase, OperatorProcess operator) throws Exception {
        long apiserver = ProcessCpu.pidOf("kube-apiserver");
        long etcd = ProcessCpu.pidOf("etcd");
        long[] before = {ProcessCpu.ticks(prometheus.pid()), operator == null ? 0 : ProcessCpu.ticks(operator.pid()), ProcessCpu.ticks(apiserver), ProcessCpu.ticks(etcd)};
        long started = System.nanoTime();
        Awaitility.await(phase).atMost(PHASE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> System.nanoTime() - started >= PHASE.toNanos());
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] after = {ProcessCpu.ticks(prometheus.pid()), operator == null ? 0 : ProcessCpu.ticks(operator.pid()), ProcessCpu.ticks(apiserver), ProcessCpu.ticks(etcd)};
        return new Measure((after[0] - before[0]) / ProcessCpu.TICKS_PER_SECOND / seconds, (after[1] - before[1]) / ProcessCpu.TICKS_PER_SECOND / seconds,
                (after[2] - before[2]) / ProcessCpu.TICKS_PER_SECOND / seconds, (after[3] - before[3]) / ProcessCpu.TICKS_PER_SECOND / seconds,
                operator == null ? 0 : operator.rssKiB());
    }

    private void exporterSet(int service, int instance, double value) {
        TestExporter.get().set(METRIC, value, "service", "svc-" + service, "instance", "i-" + instance);
    }

    private static String ruleQuery(int service, int variant) {
        String base = "max by (service, instance) (" + METRIC + "{service=\"svc-" + service + "\"})";
        return DISTINCT ? base + " * " + (1 + variant) + " / " + (1 + variant) : base;
    }

    /** About one in twenty instances is above each service's lowest threshold, and fewer above the higher ones. */
    private static double threshold(int variant) {
        return (QUIET ? 1 : THRESHOLD) + variant * 0.0002;
    }

    private static String rulerRules() {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int s = 0; s < SERVICES; s++) {
            yaml.append("  - name: svc-").append(s).append("\n    interval: 10s\n    rules:\n");
            for (int v = 0; v < RULES_PER_SERVICE; v++) {
                yaml.append("      - alert: svc-").append(s).append("-r").append(v).append("\n        expr: ")
                        .append(ruleQuery(s, v)).append(" > ").append(threshold(v)).append("\n");
            }
        }
        return yaml.toString();
    }

    private static AlertRule klaxonRule(String namespace, int service, int variant) {
        AlertCondition condition = new AlertCondition();
        condition.setType(AlertCondition.Type.Threshold);
        condition.setQuery(ruleQuery(service, variant));
        condition.setOperator(ComparisonOperator.gt);
        condition.setThreshold(threshold(variant));
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(AlertRuleSpec.RuleSeverity.SEV4);
        spec.setCategory(Category.PERFORMANCE);
        spec.setInterval("10s");
        spec.setConditions(List.of(condition));
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName("svc-" + service + "-r" + variant).withNamespace(namespace).build());
        rule.setSpec(spec);
        return rule;
    }

    private void writeConfig(boolean withRules) throws IOException {
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 10s
                  evaluation_interval: 10s
                %s
                scrape_configs:
                  - job_name: bench
                    static_configs: [{targets: ["%s"]}]
                """.formatted(withRules ? "rule_files: [\"" + dir.resolve("rules.yml") + "\"]" : "", TestExporter.get().target()));
    }

    private void startPrometheus() throws IOException {
        prometheus = new ProcessBuilder("prometheus", "--config.file", dir.resolve("prometheus.yml").toString(),
                "--storage.tsdb.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port,
                "--web.enable-lifecycle").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("benchmark prometheus ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestCluster.answersOk(http, URI.create("http://127.0.0.1:" + port + "/-/ready")));
    }

    private void reload() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private void awaitScraped() {
        Awaitility.await("scraped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> query("count(" + METRIC + ")") >= SERVICES * INSTANCES);
    }

    private double query(String promql) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]").matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private double prometheusMetric(String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<Double> values = new ArrayList<>();
        body.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .forEach(l -> values.add(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
