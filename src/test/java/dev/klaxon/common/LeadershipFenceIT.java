package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A leader frozen past its Lease (SIGSTOP) resumes with threads in the middle of their work while
 * another replica leads. It must write nothing then: not one incident, not one status.
 */
class LeadershipFenceIT {

    private static final String METRIC = "klaxon_test_fence";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aLeaderPausedPastItsLeaseWritesNothingWhenItResumes() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("fence");
        // The stand-by competes for the same Lease but watches another namespace, so any write
        // that reaches this namespace after the pause is the paused leader's.
        String elsewhere = TestCluster.get().createNamespace("fence-standby");
        TestPrometheus.get();
        for (String target : new String[] {"a", "b", "c"}) {
            TestExporter.get().set(METRIC, 0.5, "target", target);
        }
        OperatorProcess leader = new OperatorProcess(namespace).start();
        OperatorProcess standby = null;
        try {
            awaitHolder(admin, namespace, leader.identity());
            AlertRule rule = Rules.aboveOne(namespace, "fenced", METRIC, AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY);
            admin.resource(rule).create();
            String evaluated = "klaxon_rule_last_evaluation_timestamp_seconds{namespace=\"" + namespace + "\",rule=\"fenced\"}";
            Awaitility.await("the leader evaluates the rule").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> leader.metric(evaluated) > 0);
            standby = new OperatorProcess(elsewhere, "-Dklaxon.leader-election.lease-name=klaxon-" + namespace).start();

            leader.pause();
            awaitHolder(admin, namespace, standby.identity());
            // While it is frozen, the alerts fire: its first evaluation after the pause would open their incidents.
            for (String target : new String[] {"a", "b", "c"}) {
                TestExporter.get().set(METRIC, 5, "target", target);
            }
            Awaitility.await("Prometheus has the new values").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> prometheusAnswers("count(" + METRIC + " > 1)").contains("\"3\""));
            leader.resume();

            Awaitility.await("the old leader exits").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !leader.isAlive());
            assertThat(admin.resources(Incident.class).inNamespace(namespace).list().getItems())
                    .as("no incident opened by the replica that lost the Lease").isEmpty();
            List<Alert> alerts = admin.resources(AlertRule.class).inNamespace(namespace).withName("fenced").get().getStatus().getAlerts();
            assertThat(alerts == null ? List.<Alert>of() : alerts).as("nor the rule's status written").isEmpty();
        } finally {
            leader.close();
            if (standby != null) {
                standby.close();
            }
        }
    }

    @Test
    void aLeaderPausedInTheMiddleOfAPageWritesNothingAndPagesNobodyWhenItResumes() {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("fence-page");
        String elsewhere = TestCluster.get().createNamespace("fence-page-standby");
        OperatorProcess leader = new OperatorProcess(namespace).start();
        OperatorProcess standby = null;
        try (TestReceiver receiver = new TestReceiver()) {
            awaitHolder(admin, namespace, leader.identity());
            admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                    .withName(namespace + "-tarpit").addToAnnotations(KlaxonApi.GROUP + "/channel-namespaces", namespace).endMetadata()
                    .addToStringData("url", receiver.url("/tarpit")).build()).create();
            NotificationChannel channel = new NotificationChannel();
            channel.setMetadata(new ObjectMetaBuilder().withName("tarpit").withNamespace(namespace).build());
            channel.setSpec(new NotificationChannelSpec());
            channel.getSpec().setType(NotificationChannelSpec.Type.Webhook);
            channel.getSpec().setUrlSecretRef(new SecretKeyRef(namespace + "-tarpit", "url"));
            admin.resource(channel).create();
            Await.ready(admin, NotificationChannel.class, namespace, "tarpit", Condition.Status.True);
            EscalationTargets targets = new EscalationTargets();
            targets.setChannels(List.of("tarpit"));
            EscalationLevel level = new EscalationLevel();
            level.setDelay("0s");
            level.setTargets(targets);
            EscalationPolicy policy = new EscalationPolicy();
            policy.setMetadata(new ObjectMetaBuilder().withName("tarpit").withNamespace(namespace).build());
            policy.setSpec(new EscalationPolicySpec());
            policy.getSpec().setLevels(List.of(level));
            admin.resource(policy).create();
            standby = new OperatorProcess(elsewhere, "-Dklaxon.leader-election.lease-name=klaxon-" + namespace).start();

            // The leader pages a receiver that does not answer, and freezes while it waits.
            receiver.holdNext("/tarpit", Duration.ofMinutes(2));
            Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
            incident.getMetadata().setNamespace(namespace);
            incident.getMetadata().setName("paged-while-paused");
            incident.getSpec().setPhase(IncidentPhase.Detected);
            incident.getSpec().setEscalationPolicyRef("tarpit");
            admin.resource(incident).create();
            Awaitility.await("the page is on its way").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> receiver.requests("/tarpit").size() == 1);
            leader.pause();
            awaitHolder(admin, namespace, standby.identity());
            leader.resume();

            // Its send times out at once; the record of it, a retry, its Events: none may leave it.
            Awaitility.await("the old leader exits").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !leader.isAlive());
            // The page was recorded as Sending before it went out; the replica that lost the Lease recorded nothing after.
            assertThat(admin.resource(incident).get().getStatus().getNotifications()).as("no outcome written by the replica that lost the Lease")
                    .singleElement().satisfies(r -> {
                        assertThat(r.getOutcome()).isEqualTo(NotificationRecord.Outcome.Sending);
                        assertThat(r.getAttempts()).isZero();
                    });
            assertThat(receiver.requests("/tarpit")).as("nobody paged again").hasSize(1);
        } finally {
            leader.close();
            if (standby != null) {
                standby.close();
            }
        }
    }

    private static void awaitHolder(KubernetesClient admin, String namespace, String identity) {
        Awaitility.await("Lease held by " + identity).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.leases().inNamespace(OperatorUnderTest.NAMESPACE).withName("klaxon-" + namespace).get(),
                        (Lease lease) -> lease != null && identity.equals(lease.getSpec().getHolderIdentity()));
    }

    private static String prometheusAnswers(String query) throws IOException, InterruptedException {
        URI uri = URI.create(TestPrometheus.get().url() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
