package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.ReviewPhase;
import dev.klaxon.testing.ChartPolicies;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator's cost follows open work: an incident nobody reopened is closed after the reopen
 * window, marked final after the grace, and then leaves every cache of the running process (counted
 * in a live-object histogram, as LeanItemStoreIT does); a restart lists only open work. The chart's
 * policy keeps the label the operator's and the spec of a final object as it is.
 */
class OpenWorkIT {

    private static final int INCIDENTS = 40;
    private static final int CLOSED = 30;

    @Test
    void finishedIncidentsLeaveTheCachesAndARestartLeavesThemOut() {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("open-work");
        ChartPolicies.installApprovalPolicy(admin);
        // A run of an open incident, cancelled before it starts (made before the namespace enforces the approval gate).
        Incident withRun = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        withRun.getMetadata().setNamespace(namespace);
        withRun.getMetadata().setName("with-run");
        withRun.getSpec().setPhase(IncidentPhase.Detected);
        withRun.getSpec().setEscalationPolicyRef(null);
        admin.resource(withRun).create();
        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("cancelled").withNamespace(namespace).build());
        run.setSpec(new PlaybookRunSpec());
        run.getSpec().setPlaybookRef("never-started");
        run.getSpec().setIncidentRef("with-run");
        run.getSpec().setCancel(true);
        admin.resource(run).create();
        admin.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getLabels().put(ChartPolicies.APPROVALS_LABEL, ChartPolicies.APPROVALS_ENFORCED);
            return ns;
        });
        OperatorProcess operator = new OperatorProcess(namespace, "-Dklaxon.open-work.reopen-window=3s",
                "-Dklaxon.open-work.final-grace=2s", "-Dklaxon.reviews.auto-create=NONE").start();
        try {
            for (int i = 0; i < INCIDENTS; i++) {
                Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
                incident.getMetadata().setNamespace(namespace);
                incident.getMetadata().setName("work-" + i);
                incident.getSpec().setPhase(IncidentPhase.Detected);
                incident.getSpec().setEscalationPolicyRef(null);
                admin.resource(incident).create();
            }
            Awaitility.await("all reconciled").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> incidents(admin, namespace).stream().filter(i -> i.getStatus() != null && i.getStatus().getPhase() != null)
                            .count() == INCIDENTS + 1);
            // The incident marks its finished run final once the run's last move is in its timeline.
            Awaitility.await("the cancelled run is final").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> OpenWork.isFinal(admin.resource(run).get()));
            assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("with-run").get().getStatus().getTimeline())
                    .anySatisfy(entry -> assertThat(entry.getType()).isEqualTo("PlaybookRunCancelled"));
            long allOpen = cachedIncidents(operator);

            for (int i = 0; i < CLOSED; i++) {
                admin.resources(Incident.class).inNamespace(namespace).withName("work-" + i).edit(incident -> {
                    incident.getSpec().setPhase(IncidentPhase.Resolved);
                    return incident;
                });
            }
            // Closed by the operator once the reopen window passed, then final once the grace passed.
            Awaitility.await("closed and final").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> incidents(admin, namespace).stream().filter(OpenWork::isFinal).count() == CLOSED);
            Incident closed = admin.resources(Incident.class).inNamespace(namespace).withName("work-0").get();
            assertThat(closed.getSpec().getPhase()).isEqualTo(IncidentPhase.Closed);
            assertThat(closed.getStatus().getPhase()).isEqualTo(IncidentPhase.Closed);
            assertThat(closed.getStatus().getClosedAt()).isNotNull();
            assertThat(closed.getStatus().getTimeline()).anySatisfy(entry -> {
                assertThat(entry.getMessage()).contains("reopen window");
                assertThat(entry.getAuthor()).isEqualTo(KlaxonApi.OPERATOR_AUTHOR);
            });
            assertThat(incidents(admin, namespace).stream().filter(OpenWork::isFinal))
                    .allSatisfy(i -> assertThat(i.getStatus().getPhase()).isEqualTo(IncidentPhase.Closed));

            // 11 of 41 are open work: every cache of incidents holds about a quarter of what it held.
            OperatorProcess running = operator;
            Awaitility.await("the caches let the final incidents go").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> cachedIncidents(running) <= allOpen / 2);

            // Only the operator marks an object final, and a final object's spec stays as it is.
            assertThatThrownBy(() -> admin.resources(Incident.class).inNamespace(namespace).withName("work-35")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"klaxon.dev/final\":\"true\"}}}"))
                    .isInstanceOf(KubernetesClientException.class).hasMessageContaining("set only by the Klaxon operator");
            assertThatThrownBy(() -> admin.resources(Incident.class).inNamespace(namespace).withName("work-1")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"rootCause\":\"found later\"}}"))
                    .isInstanceOf(KubernetesClientException.class).hasMessageContaining("is final");

            // A done review becomes final too, marked by the operator, whose patches of it change nothing else (chart policy).
            PostIncidentReview review = ManifestFixtures.example("postincidentreview-checkout-eu-outage.yaml", PostIncidentReview.class);
            review.getMetadata().setNamespace(namespace);
            review.getSpec().setIncidentRef("work-39");
            review.getSpec().setPhase(ReviewPhase.completed);
            review.getSpec().setActionItems(new java.util.ArrayList<>());
            admin.resource(review).create();
            Awaitility.await("the done review is final").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> OpenWork.isFinal(admin.resource(review).get()));
            try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl(TestCluster.get().serverUrl()).withCaCertFile(TestCluster.get().adminConfig().getCaCertFile())
                    .withOauthToken(OperatorUnderTest.installChartRbacAndIssueToken(admin)).build()).build()) {
                assertThatThrownBy(() -> asOperator.resources(PostIncidentReview.class).inNamespace(namespace)
                        .withName(review.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"published\"}}"))
                        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("does not change the spec");
            }

            // A restart lists open work only: the final incidents never reach its caches, so none is reconciled.
            operator.terminate(Duration.ofSeconds(30));
            operator = new OperatorProcess(namespace, "-Dklaxon.open-work.reopen-window=3s", "-Dklaxon.open-work.final-grace=2s",
                    "-Dklaxon.reviews.auto-create=NONE").start();
            assertThat(cachedIncidents(operator)).isLessThanOrEqualTo(allOpen / 2);
            String before = admin.resources(Incident.class).inNamespace(namespace).withName("work-2").get().getMetadata().getResourceVersion();
            assertThat(operator.metric("klaxon_incidents_open")).isEqualTo(INCIDENTS - CLOSED + 1);
            assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("work-2").get().getMetadata().getResourceVersion())
                    .isEqualTo(before);
        } finally {
            operator.close();
        }
    }

    private static List<Incident> incidents(KubernetesClient admin, String namespace) {
        return admin.resources(Incident.class).inNamespace(namespace).list().getItems();
    }

    /** Live Incident objects in the process (after a full GC): one per incident in each cache that holds incidents. */
    static long cachedIncidents(OperatorProcess operator) {
        Matcher matcher = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+dev\\.klaxon\\.api\\.v1alpha1\\.Incident\\s*$")
                .matcher(operator.jcmd("GC.class_histogram"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
