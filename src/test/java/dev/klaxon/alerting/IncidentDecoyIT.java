package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestExporter;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A firing alert always has an incident of its own. Incidents a tenant makes to look like the
 * alert's (its labels are visible in the rule's status while it is pending) must neither stand in
 * for it, nor take the names it would get, nor break the rule when the operator restarts; and
 * deleting the alert's incident while it fires only gets it another.
 */
@OperatorTest(namespace = "decoys")
class IncidentDecoyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String METRIC = "klaxon_test_value";
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    @Test
    void decoysAndSquatsNeitherSilenceTheAlertNorStopTheRule() {
        TestExporter.get().set(METRIC, 5, "case", "decoy", "target", "a");
        TestExporter.get().set(METRIC, 5, "case", "decoy", "target", "b");
        AlertRule rule = Rules.aboveOne(namespace, "decoyed", METRIC + "{case=\"decoy\"}", AlertRuleSpec.RuleSeverity.SEV2,
                Category.AVAILABILITY);
        rule.getSpec().setForDuration("1h");
        admin.resource(rule).create();
        List<Alert> pending = Awaitility.await("both alerts pending").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> alertsOf("decoyed"), alerts -> alerts.size() == 2);
        String targetA = pending.stream().filter(a -> "a".equals(a.getLabels().get("target"))).findFirst().orElseThrow().getFingerprint();
        String targetB = pending.stream().filter(a -> "b".equals(a.getLabels().get("target"))).findFirst().orElseThrow().getFingerprint();

        // An open decoy with the alert's labels, and the next names the alert's incident would get,
        // one of them with a value the operator could not parse back.
        for (int sequence = 1; sequence <= IncidentOpener.NAMED_ATTEMPTS; sequence++) {
            Incident decoy = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
            decoy.getMetadata().setNamespace(namespace);
            decoy.getMetadata().setName(IncidentWriter.incidentName("decoyed", targetA, sequence));
            decoy.getMetadata().setLabels(Map.of(KlaxonApi.LABEL_RULE, "decoyed", KlaxonApi.LABEL_FINGERPRINT, targetA));
            decoy.getSpec().setPhase(IncidentPhase.Detected);
            IncidentSource source = new IncidentSource();
            source.setAlertRule("decoyed");
            source.setFingerprint(targetA);
            source.setValue("x");
            decoy.getSpec().setSource(source);
            admin.resource(decoy).create();
        }
        Set<String> decoys = Set.copyOf(admin.resources(Incident.class).inNamespace(namespace)
                .withLabel(KlaxonApi.LABEL_RULE, "decoyed").list().getItems().stream().map(i -> i.getMetadata().getName()).toList());
        assertThat(decoys).hasSize(IncidentOpener.NAMED_ATTEMPTS);

        admin.resources(AlertRule.class).inNamespace(namespace).withName("decoyed").edit(r -> {
            r.getSpec().setForDuration("0s");
            return r;
        });

        Incident forA = awaitOwnIncident(targetA, decoys);
        Incident forB = awaitOwnIncident(targetB, decoys);
        assertThat(forA.getSpec().getSource().getLabels()).containsEntry("target", "a");
        assertThat(forB.getMetadata().getName()).isEqualTo(IncidentWriter.incidentName("decoyed", targetB, 1));
        Awaitility.await("the rule's status names both").atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(alertsOf("decoyed")).extracting(Alert::getIncident)
                        .containsExactlyInAnyOrder(forA.getMetadata().getName(), forB.getMetadata().getName()));

        // A restarted operator restores the rule from its status and its own incidents, decoys
        // (and their unparsable value) left aside, and goes on evaluating it.
        operator.restart();
        String evaluated = "klaxon_rule_last_evaluation_timestamp_seconds{namespace=\"" + namespace + "\",rule=\"decoyed\"}";
        Awaitility.await("the rule evaluated again").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> operator.metric(evaluated) > 0);
        assertThat(admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_FINGERPRINT, targetA).list().getItems())
                .as("no second incident for the alert").hasSize(decoys.size() + 1);
    }

    @Test
    void anIncidentDeletedWhileItsAlertStillFiresIsOpenedAgainAndSaysSo() {
        TestExporter.get().set(METRIC, 5, "case", "deleted");
        admin.resource(Rules.aboveOne(namespace, "deleted-incident", METRIC + "{case=\"deleted\"}", AlertRuleSpec.RuleSeverity.SEV2,
                Category.AVAILABILITY)).create();
        Incident first = Awaitility.await("the alert's incident").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "deleted-incident")
                        .list().getItems(), items -> items.size() == 1).get(0);

        admin.resource(first).delete();

        Incident again = Awaitility.await("a new incident for the same alert").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "deleted-incident")
                        .list().getItems(), items -> items.size() == 1 && !items.get(0).getMetadata().getUid().equals(first.getMetadata().getUid()))
                .get(0);
        assertThat(again.getMetadata().getLabels()).containsEntry(KlaxonApi.LABEL_FINGERPRINT,
                first.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT));
        assertThat(again.getMetadata().getAnnotations()).containsEntry(KlaxonApi.ANNOTATION_REPLACES_DELETED, first.getMetadata().getName());
        Incident recorded = Awaitility.await("its timeline").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(again).get(), i -> i.getStatus() != null && i.getStatus().getTimeline() != null
                        && !i.getStatus().getTimeline().isEmpty());
        assertThat(recorded.getStatus().getTimeline().get(0).getMessage())
                .contains("replaces incident " + first.getMetadata().getName(), "deleted while its alert still fired");
    }

    @Test
    void anAlertsIncidentACrashLeftWithoutItsRunGetsItOnceAndACopiedAnnotationStartsNothing() {
        admin.resource(Playbooks.playbook(namespace, "restart-checkout", Playbooks.step("restart", "echo restarting"))).create();
        OperatorKey key = operatorKey();
        // What an operator killed right after opening an alert's incident leaves: the incident, signed and owing its run, no run.
        Incident owed = alertsIncident("crashed-ab12cd-1", "ab12cd");
        owed.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "restart-checkout");
        owed.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PROOF,
                key.sign(IncidentProof.ofRuleAlert(namespace, "crashed-ab12cd-1", "crashed", "ab12cd", "restart-checkout")));
        // The annotation copied onto an incident the operator signed without it.
        Incident copied = alertsIncident("crashed-ef34ab-1", "ef34ab");
        copied.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "restart-checkout");
        copied.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PROOF,
                key.sign(IncidentProof.ofRuleAlert(namespace, "crashed-ef34ab-1", "crashed", "ef34ab", null)));
        admin.resource(copied).create();
        admin.resource(owed).create();

        Incident started = Awaitility.await("the owed run started").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(owed).get(), i -> i.getStatus() != null && i.getStatus().getAutoRun() != null);
        PlaybookRun run = admin.resources(PlaybookRun.class).inNamespace(namespace).withName(started.getStatus().getAutoRun()).get();
        assertThat(run.getSpec().getIncidentRef()).isEqualTo("crashed-ab12cd-1");
        assertThat(run.getSpec().getPlaybookRef()).isEqualTo("restart-checkout");
        assertThat(run.getSpec().getRequestedBy()).isEqualTo("system:serviceaccount:" + OperatorUnderTest.NAMESPACE + ":" + OperatorUnderTest.SERVICE_ACCOUNT);
        Awaitility.await("the copy reconciled").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(copied).get().getStatus(), s -> s != null && s.getPhase() != null);
        assertThat(runsFor("crashed-ef34ab-1")).as("a copied annotation starts nothing").isEmpty();

        // A restart and another reconcile start no second run.
        operator.restart();
        admin.resources(Incident.class).inNamespace(namespace).withName("crashed-ab12cd-1").edit(i -> {
            i.getSpec().setCommander("carol@example.com");
            return i;
        });
        Awaitility.await("reconciled by the new operator").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(owed).get(), i -> i.getStatus().getObservedGeneration().equals(i.getMetadata().getGeneration()));
        assertThat(runsFor("crashed-ab12cd-1")).hasSize(1);
    }

    private static Incident alertsIncident(String name, String fingerprint) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getMetadata().setLabels(Map.of(KlaxonApi.LABEL_RULE, "crashed", KlaxonApi.LABEL_FINGERPRINT, fingerprint));
        incident.getMetadata().setAnnotations(new HashMap<>());
        incident.getSpec().setPhase(IncidentPhase.Detected);
        return incident;
    }

    private static List<PlaybookRun> runsFor(String incident) {
        return admin.resources(PlaybookRun.class).inNamespace(namespace).list().getItems().stream()
                .filter(r -> incident.equals(r.getSpec().getIncidentRef())).toList();
    }

    /** The operator's signing key, made here when no operator has needed it yet (as whichever replica comes first does). */
    private static OperatorKey operatorKey() {
        var secrets = admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE);
        if (secrets.withName("klaxon-operator-key").get() == null) {
            byte[] fresh = new byte[32];
            new java.security.SecureRandom().nextBytes(fresh);
            secrets.resource(new SecretBuilder().withNewMetadata().withName("klaxon-operator-key").endMetadata()
                    .addToData("key", Base64.getEncoder().encodeToString(fresh)).build()).create();
        }
        return new OperatorKey(Base64.getDecoder().decode(secrets.withName("klaxon-operator-key").get().getData().get("key")));
    }

    private static List<Alert> alertsOf(String rule) {
        AlertRule found = admin.resources(AlertRule.class).inNamespace(namespace).withName(rule).get();
        return found == null || found.getStatus() == null || found.getStatus().getAlerts() == null ? List.of() : found.getStatus().getAlerts();
    }

    /** The alert's incident: the one the operator signed, none of the decoys. */
    private static Incident awaitOwnIncident(String fingerprint, Set<String> decoys) {
        return Awaitility.await("the operator's incident for " + fingerprint).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_FINGERPRINT, fingerprint)
                        .list().getItems().stream().filter(i -> !decoys.contains(i.getMetadata().getName())).toList(),
                        incidents -> incidents.size() == 1)
                .get(0);
    }
}
