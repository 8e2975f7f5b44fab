package dev.klaxon.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.StepEnvVar;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator, run from the packaged application as in production (server-side apply, the
 * chart's ServiceAccount and RBAC), reconciles every kind on the real API server. (It ran inside
 * the test JVM once; the archive's transaction manager reads every system property as a String,
 * which the test harness's JVM-wide registry is not.)
 */
@OperatorTest(namespace = "reconcile")
class ReconcileIT {

    private static int counter;
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;

    @Test
    void everyExampleIsReconciledToReady() {
        // The example playbook runs as this ServiceAccount, which opts in as a step runner.
        admin.serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("klaxon-remediation").addToLabels(dev.klaxon.api.v1alpha1.KlaxonApi.LABEL_STEP_RUNNER, "true")
                .endMetadata().build()).serverSideApply();
        // The example Slack channel's webhook URL, in the operator's namespace.
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("slack-oncall").addToAnnotations("klaxon.dev/channel-namespaces", namespace).endMetadata()
                .addToStringData("url", "http://127.0.0.1:9/unused").build())
                .serverSideApply();
        // The example AlertSource's bearer token, likewise.
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("alertmanager-token").addToAnnotations("klaxon.dev/channel-namespaces", namespace).endMetadata()
                .addToStringData("token", "example-token").build())
                .serverSideApply();
        for (var example : ManifestFixtures.examples()) {
            TestCluster.get().load(example, namespace).forEach(o -> admin.resource(o).serverSideApply());
        }
        for (var example : ManifestFixtures.examples()) {
            for (HasMetadata object : TestCluster.get().load(example, namespace)) {
                Condition ready = Await.ready(admin, kindOf(object), namespace, object.getMetadata().getName(), Condition.Status.True);
                assertThat(ready.getLastTransitionTime()).isNotBlank();
            }
        }

        Playbook playbook = admin.resources(Playbook.class).inNamespace(namespace).withName("api-high-error-rate").get();
        assertThat(playbook.getStatus().getStepCount()).isEqualTo(3);
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName("checkout-eu-outage").get();
        assertThat(incident.getStatus().getPhase()).isEqualTo(IncidentPhase.Investigating);
        assertThat(incident.getStatus().getDetectedAt()).isEqualTo(incident.getMetadata().getCreationTimestamp());
        PlaybookRun run = admin.resources(PlaybookRun.class).inNamespace(namespace).withName("checkout-eu-outage-rollback").get();
        // Started: its first step's Job exists. The node runs it (against no real deployment), so by now the run may
        // already have ended with that step; what matters here is that the example started.
        assertThat(run.getStatus().getPhase()).isIn(PlaybookRunStatus.Phase.Running, PlaybookRunStatus.Phase.Failed,
                PlaybookRunStatus.Phase.Succeeded);
        assertThat(run.getStatus().getSteps().get(0).getName()).isEqualTo("check-recent-deployments");
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName(run.getStatus().getSteps().get(0).getJob()).get()).isNotNull();
        AlertRule rule = admin.resources(AlertRule.class).inNamespace(namespace).withName("api-latency-critical").get();
        assertThat(rule.getStatus().getState()).isNotNull();
    }

    @Test
    void aRunNamingAMissingPlaybookIsNotReadyUntilThePlaybookExists() {
        PlaybookRun run = example("playbookrun-rollback.yaml", PlaybookRun.class);
        run.getSpec().setIncidentRef(null);
        String playbookName = "restart-gateway-" + (++counter);
        run.getSpec().setPlaybookRef(playbookName);
        admin.resource(run).create();

        Condition notReady = Await.ready(admin, PlaybookRun.class, namespace, run.getMetadata().getName(), Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("PlaybookNotFound");
        assertThat(notReady.getMessage()).isEqualTo("spec.playbookRef: Playbook " + playbookName + " does not exist in this namespace");
        assertThat(warningEvents(run)).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("PlaybookNotFound");
            assertThat(e.getMessage()).contains(playbookName);
        });

        Playbook playbook = example("playbook-api-high-error-rate.yaml", Playbook.class);
        playbook.getMetadata().setName(playbookName);
        admin.resource(playbook).create();

        Condition ready = Await.ready(admin, PlaybookRun.class, namespace, run.getMetadata().getName(), Condition.Status.True);
        assertThat(ready.getReason()).isEqualTo("Started");
    }

    @Test
    void aBrokenObjectIsReportedAndDoesNotStopTheOthers() {
        Playbook broken = example("playbook-api-high-error-rate.yaml", Playbook.class);
        broken.getMetadata().setName("forges-incident-data-" + (++counter));
        StepEnvVar forged = new StepEnvVar();
        forged.setName("KLAXON_SEVERITY");
        forged.setValue("SEV5");
        broken.getSpec().getSteps().get(0).setEnv(List.of(forged));
        admin.resource(broken).create();
        Playbook fine = example("playbook-api-high-error-rate.yaml", Playbook.class);
        admin.resource(fine).create();

        Condition notReady = Await.ready(admin, Playbook.class, namespace, broken.getMetadata().getName(), Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("ReservedEnvVar");
        assertThat(notReady.getMessage()).contains("spec.steps[0] (check-recent-deployments).env KLAXON_SEVERITY");
        Await.ready(admin, Playbook.class, namespace, fine.getMetadata().getName(), Condition.Status.True);

        broken.getSpec().getSteps().get(0).setEnv(List.of());
        admin.resource(broken).update();
        Await.ready(admin, Playbook.class, namespace, broken.getMetadata().getName(), Condition.Status.True);
    }

    @Test
    void anAcceptedPhaseMoveIsRecordedInStatus() {
        Incident incident = example("incident-checkout-outage.yaml", Incident.class);
        admin.resource(incident).create();
        Await.ready(admin, Incident.class, namespace, incident.getMetadata().getName(), Condition.Status.True);

        Incident current = admin.resource(incident).get();
        current.getSpec().setPhase(IncidentPhase.Mitigating);
        admin.resource(current).update();

        Awaitility.await().atMost(Await.TIMEOUT).until(
                () -> admin.resource(incident).get().getStatus().getPhase() == IncidentPhase.Mitigating);
    }

    /** An example under a name of its own, as the tests share the operator's one namespace. */
    private <T extends HasMetadata> T example(String file, Class<T> type) {
        T object = ManifestFixtures.example(file, type);
        object.getMetadata().setNamespace(namespace);
        object.getMetadata().setName(object.getMetadata().getName() + "-" + (++counter));
        return object;
    }

    private List<Event> warningEvents(HasMetadata about) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.v1().events().inNamespace(namespace).list().getItems().stream()
                        .filter(e -> about.getMetadata().getName().equals(e.getInvolvedObject().getName()))
                        .filter(e -> "Warning".equals(e.getType())).toList(),
                events -> !events.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ? extends dev.klaxon.api.v1alpha1.KlaxonStatus>> kindOf(
            HasMetadata object) {
        return switch (object.getKind()) {
            case "AlertRule" -> AlertRule.class;
            case "Incident" -> Incident.class;
            case "Playbook" -> Playbook.class;
            case "PlaybookRun" -> PlaybookRun.class;
            case "OnCallSchedule" -> dev.klaxon.api.v1alpha1.OnCallSchedule.class;
            case "EscalationPolicy" -> dev.klaxon.api.v1alpha1.EscalationPolicy.class;
            case "StatusPage" -> dev.klaxon.api.v1alpha1.StatusPage.class;
            case "PostIncidentReview" -> dev.klaxon.api.v1alpha1.PostIncidentReview.class;
            case "NotificationChannel" -> dev.klaxon.api.v1alpha1.NotificationChannel.class;
            case "AlertSource" -> dev.klaxon.api.v1alpha1.AlertSource.class;
            case "MaintenanceWindow" -> dev.klaxon.api.v1alpha1.MaintenanceWindow.class;
            case "ServiceDependency" -> dev.klaxon.api.v1alpha1.ServiceDependency.class;
            case "StatusPageSubscriber" -> dev.klaxon.api.v1alpha1.StatusPageSubscriber.class;
            case "ServiceLevelObjective" -> dev.klaxon.api.v1alpha1.ServiceLevelObjective.class;
            default -> throw new IllegalArgumentException(object.getKind());
        };
    }
}
