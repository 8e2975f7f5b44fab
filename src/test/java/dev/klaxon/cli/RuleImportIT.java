package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * `kubectl klaxon import` on a node-style rule file: the AlertRules it writes, evaluated by Klaxon,
 * fire on the same alerts as Prometheus's own ruler evaluating the file, both on the same series.
 */
class RuleImportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            groups:
            - name: node
              interval: 2s
              rules:
              - record: instance:import_load:ratio
                expr: klaxon_import_load1 / klaxon_import_cpus
              - alert: NodeDown
                expr: klaxon_import_node_up == 0
                labels: {severity: critical, team: infra}
                annotations:
                  summary: "{{ $labels.node }} is down"
              - alert: FilesystemAlmostFull
                expr: klaxon_import_fs_avail_ratio{mountpoint!~"/boot.*"} < 0.1
                labels: {severity: warning}
              - alert: Overloaded
                expr: klaxon_import_load1 / on(node) klaxon_import_cpus > 2 and on(node) klaxon_import_node_up == 1
                labels: {severity: warning}
              - alert: NodesDown
                expr: count(klaxon_import_node_up == 0)
                labels: {severity: critical}
                annotations:
                  summary: "Nodes are down"
              - alert: ExporterAbsent
                expr: absent(klaxon_import_heartbeat)
                labels: {severity: warning}
              - alert: LoadAboveNormal
                expr: 1 < klaxon_import_load1 / on(node) klaxon_import_cpus < 100
                labels: {severity: warning}
            - name: general
              interval: 2s
              rules:
              - alert: Watchdog
                expr: vector(1)
                labels: {severity: none}
            """;

    @Test
    void importedRulesFireOnTheSameAlertsAsPrometheussRuler() throws Exception {
        TestExporter exporter = TestExporter.get();
        for (String node : List.of("a", "b", "c")) {
            exporter.set("klaxon_import_node_up", node.equals("b") ? 0 : 1, "node", node);
            exporter.set("klaxon_import_cpus", 4, "node", node);
            exporter.set("klaxon_import_load1", node.equals("c") ? 12 : 1, "node", node);
            exporter.set("klaxon_import_fs_avail_ratio", node.equals("a") ? 0.05 : 0.5, "node", node, "mountpoint", "/");
            exporter.set("klaxon_import_fs_avail_ratio", 0.01, "node", node, "mountpoint", "/boot/efi");
        }
        Path dir = TestCluster.PROJECT.resolve("target/prometheus-ruler");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rules.yml"), RULES);
        assertThat(TestCluster.run(Duration.ofSeconds(30), "promtool", "check", "rules", dir.resolve("rules.yml").toString()))
                .as("a rule file Prometheus's own tool accepts").contains("SUCCESS: 8 rules found");
        String namespace = TestCluster.get().createNamespace("import");
        KubernetesClient admin = TestCluster.get().admin();

        Process imported = new ProcessBuilder("cli/kubectl-klaxon", "import", "-f", dir.resolve("rules.yml").toString())
                .directory(TestCluster.PROJECT.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("import.log").toFile())).start();
        byte[] manifests = imported.getInputStream().readAllBytes();
        assertThat(imported.waitFor()).isZero();
        assertThat(Files.readString(dir.resolve("import.log"))).contains("skipped recording rule instance:import_load:ratio", "7 AlertRule(s)");
        for (HasMetadata rule : admin.load(new ByteArrayInputStream(manifests)).items()) {
            rule.getMetadata().setNamespace(namespace);
            admin.resource(rule).create();
        }

        int port = Ports.free();
        Process ruler = startRuler(dir, port);
        try (OperatorProcess operator = new OperatorProcess(namespace).start()) {
            Awaitility.await("the same alerts firing in Klaxon and in Prometheus's ruler").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        Map<String, Set<Map<String, String>>> prometheus = prometheusFiring(port);
                        Map<String, Set<Map<String, String>>> klaxon = klaxonFiring(admin, namespace);
                        assertThat(prometheus.keySet()).containsExactlyInAnyOrder("NodeDown", "FilesystemAlmostFull", "Overloaded", "Watchdog",
                                "NodesDown", "ExporterAbsent", "LoadAboveNormal");
                        assertThat(klaxon).isEqualTo(prometheus);
                    });
            Map<String, Set<Map<String, String>>> firing = prometheusFiring(port);
            assertThat(firing.get("NodeDown")).extracting(l -> l.get("node")).containsExactly("b");
            assertThat(firing.get("FilesystemAlmostFull")).extracting(l -> l.get("node")).containsExactly("a");
            assertThat(firing.get("Overloaded")).extracting(l -> l.get("node")).containsExactly("c");
            assertThat(firing.get("LoadAboveNormal")).extracting(l -> l.get("node")).containsExactly("c");
            // Incidents are titled from the summary annotation, templates rendered, as Alertmanager shows the alert.
            Awaitility.await("titled incidents").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.resources(Incident.class).inNamespace(namespace).list().getItems())
                            .extracting(i -> i.getSpec().getTitle()).contains("b is down", "Nodes are down"));

            // The flip back: every alert clears in the ruler, and in Klaxon, whatever the shape of its rule.
            exporter.set("klaxon_import_node_up", 1, "node", "b");
            exporter.set("klaxon_import_load1", 1, "node", "c");
            exporter.set("klaxon_import_fs_avail_ratio", 0.5, "node", "a", "mountpoint", "/");
            exporter.set("klaxon_import_heartbeat", 1);
            Awaitility.await("every alert but the Watchdog cleared in Klaxon and in Prometheus's ruler").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        Map<String, Set<Map<String, String>>> prometheus = prometheusFiring(port);
                        assertThat(prometheus.keySet()).containsExactly("Watchdog");
                        assertThat(klaxonFiring(admin, namespace)).isEqualTo(prometheus);
                    });
        } finally {
            ruler.destroy();
            ruler.waitFor();
        }
    }

    private static Process startRuler(Path dir, int port) throws IOException {
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: test
                    static_configs: [{targets: ["%s"]}]
                """.formatted(dir.resolve("rules.yml"), TestExporter.get().target()));
        TestCluster.deleteRecursively(dir.resolve("data"));
        Process ruler = new ProcessBuilder("prometheus", "--config.file", dir.resolve("prometheus.yml").toString(),
                "--storage.tsdb.path", dir.resolve("data").toString(), "--web.listen-address", "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("the ruler's Prometheus").atMost(Duration.ofSeconds(60)).failFast(() -> !ruler.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create("http://127.0.0.1:" + port + "/-/ready")));
        return ruler;
    }

    /** Firing alerts by alert name, each as its series' labels (no alert name, no static rule labels). */
    private static Map<String, Set<Map<String, String>>> prometheusFiring(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/alerts")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Set<Map<String, String>>> firing = new TreeMap<>();
        for (JsonNode alert : JSON.readTree(response.body()).at("/data/alerts")) {
            if (!"firing".equals(alert.get("state").asText())) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            alert.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            String name = labels.remove("alertname");
            labels.keySet().removeAll(List.of("severity", "team"));
            firing.computeIfAbsent(name, n -> new HashSet<>()).add(labels);
        }
        return firing;
    }

    private static Map<String, Set<Map<String, String>>> klaxonFiring(KubernetesClient admin, String namespace) {
        Map<String, Set<Map<String, String>>> firing = new TreeMap<>();
        for (AlertRule rule : admin.resources(AlertRule.class).inNamespace(namespace).list().getItems()) {
            String name = rule.getMetadata().getAnnotations().get("klaxon.dev/imported-from").split("/", 2)[1];
            List<Alert> alerts = rule.getStatus() == null ? List.of() : rule.getStatus().getAlerts();
            for (Alert alert : alerts) {
                if (alert.getState() != AlertRuleStatus.State.Firing) {
                    continue;
                }
                Map<String, String> labels = new TreeMap<>(alert.getLabels() == null ? Map.of() : alert.getLabels());
                labels.keySet().removeAll(List.of("__name__", "severity", "team"));
                firing.computeIfAbsent(name, n -> new HashSet<>()).add(labels);
            }
        }
        return firing;
    }
}
