package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPrometheus;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Watching the watchers on the real cluster: Prometheus stopped is one incident however many
 * rules fail, resolved when it answers again; the operator's outbound dead man's switch beats
 * once a period from the leader only, stops when the operator does and resumes after a restart.
 */
class WatchersIT {

    private static final KubernetesClient admin = TestCluster.get().admin();

    @Test
    void prometheusStoppedIsOneIncidentNotOnePerRuleAndResolvesWhenItAnswers() {
        String namespace = TestCluster.get().createNamespace("watchers");
        try (OperatorProcess operator = new OperatorProcess(namespace, "-Dklaxon.watchers.namespace=" + namespace,
                "-Dklaxon.watchers.prometheus-down-after=5s", "-Dklaxon.watchers.severity=SEV1").start()) {
            for (String name : List.of("api-errors", "queue-depth", "disk-full")) {
                admin.resource(Rules.aboveOne(namespace, name, "vector(0)", AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY)).create();
                Await.ready(admin, AlertRule.class, namespace, name, Condition.Status.True);
            }
            Instant stopped = Instant.now();
            TestPrometheus.get().stop();
            Incident incident;
            try {
                incident = Awaitility.await("the Prometheus incident").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> watcherIncidents(namespace), l -> !l.isEmpty()).get(0);
                System.out.printf("[watchers] Prometheus stopped -> incident %s after %d ms (prometheus-down-after 5s)%n",
                        incident.getMetadata().getName(), Duration.between(stopped, Instant.parse(incident.getMetadata().getCreationTimestamp())).toMillis());
                assertThat(incident.getSpec().getTitle()).contains("Prometheus is unreachable");
                assertThat(incident.getSpec().getSeverity().name()).isEqualTo("SEV1");
                assertThat(Await.ready(admin, AlertRule.class, namespace, "api-errors", Condition.Status.False).getReason())
                        .isEqualTo("PrometheusUnreachable");
                // Three rules failing for a while longer: still the one incident.
                Awaitility.await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                        .until(() -> watcherIncidents(namespace).size() == 1 && admin.resources(Incident.class).inNamespace(namespace)
                                .list().getItems().size() == 1);
            } finally {
                TestPrometheus.get().start();
            }
            Awaitility.await("resolved once Prometheus answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Resolved);
        }
    }

    @Test
    void theDeadMansSwitchBeatsFromTheLeaderOnlyStopsWithTheOperatorAndResumesAfterARestart() {
        String namespace = TestCluster.get().createNamespace("dead-mans-switch");
        try (TestReceiver outside = new TestReceiver()) {
            String secret = namespace + "-dms";
            String[] settings = {"-Dklaxon.dead-mans-switch.secret=" + secret, "-Dklaxon.dead-mans-switch.period=1s"};
            OperatorProcess first = new OperatorProcess(namespace, settings).start();
            OperatorProcess second = new OperatorProcess(namespace, settings).start();
            try {
                // In the operator's namespace, there once an operator is.
                admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                        .withMetadata(new ObjectMetaBuilder().withName(secret).build())
                        .addToStringData("url", outside.url("/ping/klaxon")).build()).serverSideApply();
                Awaitility.await("beats").atMost(Duration.ofSeconds(30)).until(() -> outside.accepted("/ping/klaxon").size() >= 5);
                assertThat(senders(outside)).as("the leader only").hasSize(1);

                first.kill();
                second.kill();
                int atStop = outside.accepted("/ping/klaxon").size();
                Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                        .until(() -> outside.accepted("/ping/klaxon").size() <= atStop + 1);
                System.out.printf("[watchers] operator stopped: beats stopped at %d%n", outside.accepted("/ping/klaxon").size());

                int before = outside.accepted("/ping/klaxon").size();
                first.restart();
                Awaitility.await("beats again").atMost(Duration.ofSeconds(60)).until(() -> outside.accepted("/ping/klaxon").size() > before);
                Instant resumed = Instant.now();
                int resumedAt = outside.accepted("/ping/klaxon").size();
                Awaitility.await("five more beats").atMost(Duration.ofSeconds(20)).until(() -> outside.accepted("/ping/klaxon").size() >= resumedAt + 5);
                // Five more, at least a period apart each: not under 5 s less the moment it took to see the first.
                assertThat(Duration.between(resumed, Instant.now())).as("once a period (1s), not faster").isGreaterThanOrEqualTo(Duration.ofMillis(4500));
                assertThat(outside.accepted("/ping/klaxon").subList(before, resumedAt + 5).stream()
                        .map(r -> r.body().replaceAll(".*\"operator\":\"([^\"]*)\".*", "$1")).distinct().toList())
                        .as("from the new leader").containsExactly(first.identity());
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static java.util.Set<String> senders(TestReceiver receiver) {
        return receiver.accepted("/ping/klaxon").stream().map(r -> r.body().replaceAll(".*\"operator\":\"([^\"]*)\".*", "$1"))
                .collect(Collectors.toSet());
    }

    private static List<Incident> watcherIncidents(String namespace) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_WATCHER, "prometheus").list().getItems();
    }
}
