package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.StatusSiteProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: everyone comes to the page during an outage. Prints requests
 * per second and latency of {@code summary.json} from the status site, next to the goal (1,000
 * requests/s, p99 ≤ 50 ms) and next to Python's http.server serving the same bytes from a file,
 * while the operator keeps evaluating rules. Asserts only that the work happened. Run with
 * hack/bench-status-site.sh.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class StatusSiteBenchmarkIT {

    private static final int CLIENTS = Integer.getInteger("klaxon.benchmark.clients", 32);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("klaxon.benchmark.seconds", 20));
    private static final int RULES = Integer.getInteger("klaxon.benchmark.rules", 200);

    private record Measured(long requests, long errors, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            return latenciesNanos.length == 0 ? Double.NaN
                    : latenciesNanos[Math.min(latenciesNanos.length - 1, (int) Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    @Test
    void summaryJsonUnderLoadWhileTheOperatorEvaluates() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        TestPrometheus.get();
        String namespace = TestCluster.get().createNamespace("site-bench");
        try (OperatorProcess operator = new OperatorProcess(namespace, OperatorProcess.containerJvm("512m")).start()) {
            StatusPage page = ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
            page.getMetadata().setNamespace(namespace);
            admin.resource(page).create();
            Await.ready(admin, StatusPage.class, namespace, "acme-status", Condition.Status.True);
            for (int i = 0; i < 3; i++) {
                admin.resource(incident(namespace, "outage-" + i, i)).create();
            }
            for (int i = 0; i < RULES; i++) {
                TestExporter.get().set("klaxon_bench_site", i % 10 == 0 ? 5 : 0, "rule", "r" + i);
                AlertRule rule = Rules.aboveOne(namespace, "bench-" + i, "klaxon_bench_site{rule=\"r" + i + "\"}",
                        AlertRuleSpec.RuleSeverity.SEV4, Category.PERFORMANCE);
                rule.getSpec().setInterval("10s");
                admin.resource(rule).create();
            }
            admin.resource(new SecretBuilder().withNewMetadata().withName("acme-token").withNamespace(namespace).endMetadata()
                    .addToStringData("token", "bench-token-0123456789").build()).create();
            try (StatusSiteProcess site = new StatusSiteProcess(namespace, "acme-status", "acme-token").start()) {
                HttpClient http = HttpClient.newHttpClient();
                URI summary = URI.create(site.url() + "/api/v2/summary.json");
                String body = Awaitility.await("three incidents on the site").atMost(Duration.ofSeconds(60))
                        .until(() -> http.send(HttpRequest.newBuilder(summary).build(), HttpResponse.BodyHandlers.ofString()).body(),
                                b -> b.split("\"incident_updates\"", -1).length == 4);
                Path copy = Files.createTempDirectory("klaxon-bench-static");
                Files.writeString(copy.resolve("summary.json"), body);
                int staticPort = Ports.free();
                Process python = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(staticPort), "--bind", "127.0.0.1",
                        "--directory", copy.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    Awaitility.await("python http.server").atMost(Duration.ofSeconds(20))
                            .until(() -> TestCluster.answersOk(http, URI.create("http://127.0.0.1:" + staticPort + "/summary.json")));
                    load(summary, Duration.ofSeconds(3));
                    double evaluationsBefore = operator.metric("klaxon_rule_evaluations_total");
                    Measured klaxon = load(summary, LOAD);
                    double evaluations = operator.metric("klaxon_rule_evaluations_total") - evaluationsBefore;
                    Measured anchor = load(URI.create("http://127.0.0.1:" + staticPort + "/summary.json"), LOAD);

                    double due = RULES * LOAD.toSeconds() / 10.0;
                    System.out.printf(Locale.ROOT, "=== status site: summary.json (%d bytes), %d clients, %d s each, %d rules every 10 s%n",
                            body.length(), CLIENTS, LOAD.toSeconds(), RULES);
                    System.out.printf(Locale.ROOT, "%-34s %12s %10s %10s %10s %8s%n", "", "requests/s", "p50 ms", "p99 ms", "max ms", "errors");
                    print("goal", 1000, Double.NaN, 50, Double.NaN, 0);
                    print("Klaxon status site", klaxon.perSecond(), klaxon.percentileMillis(0.5), klaxon.percentileMillis(0.99),
                            klaxon.percentileMillis(1.0), klaxon.errors());
                    print("python3 http.server (same bytes)", anchor.perSecond(), anchor.percentileMillis(0.5), anchor.percentileMillis(0.99),
                            anchor.percentileMillis(1.0), anchor.errors());
                    System.out.printf(Locale.ROOT, "operator evaluations during the site's load: %.0f of %.0f due%n", evaluations, due);
                    assertThat(klaxon.requests()).isPositive();
                    assertThat(evaluations).isPositive();
                } finally {
                    python.destroy();
                }
            }
        }
    }

    private static void print(String name, double perSecond, double p50, double p99, double max, long errors) {
        System.out.printf(Locale.ROOT, "%-34s %12.0f %10.1f %10.1f %10.1f %8d%n", name, perSecond, p50, p99, max, errors);
    }

    /** {@link #CLIENTS} clients asking as fast as they are answered (keep-alive), for {@code duration}; bounded. */
    private static Measured load(URI uri, Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        long[] errors = new long[CLIENTS];
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            results.add(clients.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors[client]++;
                        }
                    } catch (java.io.IOException e) {
                        errors[client]++;
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get(duration.toSeconds() + 60, TimeUnit.SECONDS));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdownNow();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Measured(latencies.length, Arrays.stream(errors).sum(), seconds, latencies);
    }

    private static Incident incident(String namespace, String name, int i) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("internal " + name);
        spec.setSeverity(Severity.values()[i % 3]);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of(List.of("api", "chat-completions", "webhooks").get(i)));
        spec.setImpact(impact);
        IncidentPublication publication = new IncidentPublication();
        publication.setPage("acme-status");
        publication.setTitle("Elevated errors " + i);
        publication.setImpact("Elevated error rates on service " + i);
        spec.setPublication(publication);
        for (int u = 0; u < 4; u++) {
            IncidentUpdate update = new IncidentUpdate();
            update.setMessage("Update " + u + ": we are working on it and will report again within 30 minutes.");
            update.setAuthor("comms@example.com");
            update.setPublic(true);
            update.setTime("2026-12-03T0" + u + ":00:00Z");
            spec.getUpdates().add(update);
        }
        incident.setSpec(spec);
        return incident;
    }
}
