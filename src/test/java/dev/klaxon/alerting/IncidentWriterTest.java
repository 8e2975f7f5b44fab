package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentProof;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentWriterTest {

    private static final OperatorKey KEY = new OperatorKey("an operator key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private final IncidentWriter writer = new IncidentWriter(null, KEY);

    private static Incident incident(String name, String fingerprint, String proof) {
        Incident incident = new Incident();
        incident.getMetadata().setNamespace("shop");
        incident.getMetadata().setName(name);
        incident.getMetadata().setLabels(Map.of(KlaxonApi.LABEL_RULE, "api-errors", KlaxonApi.LABEL_FINGERPRINT, fingerprint));
        Map<String, String> annotations = new HashMap<>();
        if (proof != null) {
            annotations.put(KlaxonApi.ANNOTATION_PROOF, proof);
        }
        incident.getMetadata().setAnnotations(annotations);
        return incident;
    }

    private static String signed(String name, String fingerprint) {
        return KEY.sign(IncidentProof.ofRuleAlert("shop", name, "api-errors", fingerprint, null));
    }

    @Test
    void anIncidentTheOperatorSignedIsTheAlertsAndADecoyWithItsLabelsIsNot() {
        assertThat(writer.isOurs(incident("api-errors-ab12-1", "ab12", signed("api-errors-ab12-1", "ab12")))).isTrue();
        assertThat(writer.isOurs(incident("api-errors-ab12-1", "ab12", null))).isFalse();
        assertThat(writer.isOurs(incident("api-errors-ab12-1", "ab12", "0".repeat(64)))).isFalse();
    }

    @Test
    void aSignatureCopiedOntoAnotherIncidentOrAlertDoesNotHold() {
        String proof = signed("api-errors-ab12-1", "ab12");

        assertThat(writer.isOurs(incident("api-errors-ab12-2", "ab12", proof))).as("another name").isFalse();
        assertThat(writer.isOurs(incident("api-errors-ab12-1", "cd34", proof))).as("another alert").isFalse();
    }

    @Test
    void theAutoRunPlaybookIsSignedWithTheIncident() {
        Incident owed = incident("api-errors-ab12-1", "ab12",
                KEY.sign(IncidentProof.ofRuleAlert("shop", "api-errors-ab12-1", "api-errors", "ab12", "restart")));
        owed.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "restart");
        assertThat(IncidentProof.isRuleAlerts(KEY, owed)).isTrue();

        owed.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "drop-database");
        assertThat(IncidentProof.isRuleAlerts(KEY, owed)).as("another playbook").isFalse();
        Incident added = incident("api-errors-ab12-1", "ab12", signed("api-errors-ab12-1", "ab12"));
        added.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "drop-database");
        assertThat(IncidentProof.isRuleAlerts(KEY, added)).as("a playbook added to an incident signed without one").isFalse();
    }

    @Test
    void anAlertWithMoreLabelsThanAnIncidentHoldsKeepsTheRulesAndTheFirstOfItsOwn() {
        Map<String, String> alert = new java.util.TreeMap<>();
        for (int i = 0; i < 100; i++) {
            alert.put(String.format("label_%03d", i), "v" + i);
        }
        alert.put("team", "from-the-series");

        Map<String, String> labels = IncidentWriter.incidentLabels(alert, Map.of("team", "payments"));

        assertThat(labels).hasSize(IncidentWriter.MAX_SOURCE_LABELS).containsEntry("team", "payments")
                .containsKey("label_000").doesNotContainKey("label_099");
    }

    @Test
    void theSequenceIsReadAlsoFromANameWithAnUnguessableSuffix() {
        assertThat(IncidentWriter.sequenceOf("api-errors-ab12-3", "ab12")).isEqualTo(3);
        assertThat(IncidentWriter.sequenceOf("api-errors-ab12-4-a9eb967c0b45", "ab12")).isEqualTo(4);
        assertThat(IncidentWriter.sequenceOf("checkout-eu-outage", "ab12")).isZero();
    }
}
