package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Tools;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboard: shipped as a ConfigMap for Grafana's sidecar, and every query in
 * it answered by a real Prometheus scraping a real operator that alerted, paged, breached an SLA,
 * was acknowledged and resolved, and ran a playbook step.
 */
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Grafana puts in for its variables when it queries. */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "1m", "$__range", "10m", "$slo", ".+");

    @Test
    void theChartShipsTheDashboardForGrafanasSidecarWhenAsked() throws Exception {
        String off = helm("template", "klaxon", "helm/klaxon", "--namespace", "klaxon-system",
                "--kube-version", TestCluster.KUBERNETES_VERSION, "--show-only", "templates/serviceaccount.yaml");
        assertThat(off).doesNotContain("grafana_dashboard");

        String rendered = helm("template", "klaxon", "helm/klaxon", "--namespace", "klaxon-system", "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--set", "grafanaDashboard.enabled=true",
                "--set", "grafanaDashboard.namespace=monitoring", "--show-only", "templates/grafana-dashboard.yaml");
        ConfigMap map = Serialization.unmarshal(rendered, ConfigMap.class);

        assertThat(map.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(JSON.readTree(map.getData().get("klaxon.json")))
                .isEqualTo(JSON.readTree(Files.readString(TestCluster.PROJECT.resolve("helm/klaxon/dashboards/klaxon.json"))));
    }

    @Test
    void everyQueryOfTheDashboardAnswersFromTheMetricsTheOperatorExports() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("dashboard");
        TestExporter.get().set("klaxon_dashboard_errors", 1, "service", "checkout");
        try (TestReceiver receiver = new TestReceiver();
                OperatorProcess operator = new OperatorProcess(namespace, "-Dklaxon.sla.sev4.response=2s",
                        "-Dklaxon.dead-mans-switch.secret=" + namespace + "-dms", "-Dklaxon.dead-mans-switch.period=1s").start()) {
            // In the operator's namespace (there once an operator is): the dead man's switch beats to the receiver; a Heartbeat checks in.
            admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName(namespace + "-dms").endMetadata().addToStringData("url", receiver.url("/dms")).build())
                    .serverSideApply();
            Channels.shareSecret(admin, namespace, namespace + "-token", "token", "dashboard-token");
            Heartbeat heartbeat = new Heartbeat();
            heartbeat.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace(namespace).build());
            heartbeat.setSpec(new HeartbeatSpec());
            heartbeat.getSpec().setPeriod("1h");
            heartbeat.getSpec().setCheckIn(new HeartbeatSpec.CheckIn());
            heartbeat.getSpec().getCheckIn().setTokenSecretRef(new SecretKeyRef(namespace + "-token", "token"));
            admin.resource(heartbeat).create();
            Awaitility.await("a check-in taken").atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(operator.checkInUrl() + "/heartbeats/" + namespace + "/nightly"))
                    .header("Authorization", "Bearer dashboard-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 202);
            URI metrics = URI.create(operator.metricsUrl());
            TestPrometheus.get().addTarget("klaxon-operator-" + namespace, metrics.getHost() + ":" + metrics.getPort(), metrics.getPath());

            channel(admin, namespace, "oncall", receiver.url("/oncall"));
            channel(admin, namespace, "unreachable", "http://169.254.169.254/hook"); // refused: a failed delivery
            admin.resource(Policies.oneLevel(namespace, "dashboard", List.of("alice@example.com"), List.of("oncall", "unreachable"))).create();
            admin.resource(rule(namespace)).create();
            admin.resource(objective(namespace)).create();
            admin.resource(Playbooks.playbook(namespace, "noop", Playbooks.step("noop", "exit 0"))).create();
            PlaybookRun run = new PlaybookRun();
            run.setMetadata(new ObjectMetaBuilder().withName("noop-1").withNamespace(namespace).build());
            run.setSpec(new PlaybookRunSpec());
            run.getSpec().setPlaybookRef("noop");
            run.getSpec().setRequestedBy("alice@example.com");
            admin.resource(run).create();

            Incident incident = Awaitility.await("the rule's incident").atMost(Duration.ofSeconds(60))
                    .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "checkout-errors")
                            .list().getItems().stream().findFirst(), java.util.Optional::isPresent).get();
            String name = incident.getMetadata().getName();
            Awaitility.await("the SLA breach").atMost(Duration.ofSeconds(60))
                    .until(() -> operator.metric("klaxon_incident_sla_breaches_total") >= 1);
            Users.plugin(namespace, null, 0, "ack", name);
            Users.plugin(namespace, null, 0, "resolve", name);

            List<String> queries = queries();
            assertThat(queries).hasSizeGreaterThanOrEqualTo(14);
            Awaitility.await("every query of the dashboard answers").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        List<String> empty = new ArrayList<>();
                        for (String query : queries) {
                            if (resultOf(query).isEmpty()) {
                                empty.add(query);
                            }
                        }
                        assertThat(empty).as("queries with no result").isEmpty();
                    });
        }
    }

    /** Every panel's queries, with Grafana's variables put in. */
    private static List<String> queries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(Files.readString(TestCluster.PROJECT.resolve("helm/klaxon/dashboards/klaxon.json"))).get("panels")) {
            for (JsonNode target : panel.path("targets")) { // a row has none
                String query = target.get("expr").asText();
                for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
                    query = query.replace(variable.getKey(), variable.getValue());
                }
                queries.add(query);
            }
        }
        return queries;
    }

    private static JsonNode resultOf(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestPrometheus.get().url()
                + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("status").asText()).as(query + ": " + response.body()).isEqualTo("success");
        return answer.at("/data/result");
    }

    private static AlertRule rule(String namespace) {
        AlertCondition condition = new AlertCondition();
        condition.setQuery("klaxon_dashboard_errors");
        condition.setOperator(ComparisonOperator.gt);
        condition.setThreshold(0.5);
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(AlertRuleSpec.RuleSeverity.SEV4);
        spec.setCategory(Category.AVAILABILITY);
        spec.setInterval("1s");
        spec.setConditions(List.of(condition));
        IncidentTemplate template = new IncidentTemplate();
        template.setEscalationPolicyRef("dashboard");
        spec.setIncident(template);
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName("checkout-errors").withNamespace(namespace).build());
        rule.setSpec(spec);
        return rule;
    }

    /** An objective over the exporter's requests: its series exist from its first evaluation (NaN while nothing is counted). */
    private static ServiceLevelObjective objective(String namespace) {
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setService("checkout");
        spec.setObjective(99.9);
        spec.setSli(new ServiceLevelObjectiveSpec.Sli());
        spec.getSli().setRatio(new ServiceLevelObjectiveSpec.Ratio());
        spec.getSli().getRatio().setBad("klaxon_dashboard_failed_total");
        spec.getSli().getRatio().setTotal("klaxon_dashboard_requests_total");
        ServiceLevelObjective objective = new ServiceLevelObjective();
        objective.setMetadata(new ObjectMetaBuilder().withName("checkout-availability").withNamespace(namespace).build());
        objective.setSpec(spec);
        return objective;
    }

    private static void channel(KubernetesClient admin, String namespace, String name, String url) {
        String secret = namespace + "-" + name;
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(secret)
                .addToAnnotations(KlaxonApi.GROUP + "/channel-namespaces", namespace).endMetadata().addToStringData("url", url).build()).create();
        NotificationChannel channel = new NotificationChannel();
        channel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        channel.setSpec(new NotificationChannelSpec());
        channel.getSpec().setType(NotificationChannelSpec.Type.Webhook);
        channel.getSpec().setUrlSecretRef(new SecretKeyRef(secret, "url"));
        admin.resource(channel).create();
    }

    private static String helm(String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.helm().toString()));
        command.addAll(List.of(args));
        return TestCluster.run(Duration.ofMinutes(2), command.toArray(String[]::new));
    }
}
