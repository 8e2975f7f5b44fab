package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentProof;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleRunStarterTest {

    private static final OperatorKey KEY = new OperatorKey("an operator key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    /** Only the key matters to owedPlaybook: nothing is created here. */
    private final RuleRunStarter starter = new RuleRunStarter(null, null, null, KEY);

    @Test
    void aMissedHeartbeatsIncidentIsOwedTheHeartbeatsPlaybookAndACopiedAnnotationIsOwedNothing() {
        Incident signed = new Incident();
        signed.setMetadata(new ObjectMetaBuilder().withName("backup-missed-1").withNamespace("payments")
                .addToLabels(KlaxonApi.LABEL_HEARTBEAT, "backup").addToAnnotations(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "restore")
                .addToAnnotations(KlaxonApi.ANNOTATION_PROOF, KEY.sign(IncidentProof.ofHeartbeat("payments", "backup-missed-1", "backup", "restore")))
                .build());
        assertThat(starter.owedPlaybook(signed)).contains("restore");

        Incident declared = new Incident();
        declared.setMetadata(new ObjectMetaBuilder().withName("by-hand").withNamespace("payments")
                .addToLabels(KlaxonApi.LABEL_HEARTBEAT, "backup").addToAnnotations(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "restore").build());
        assertThat(starter.owedPlaybook(declared)).isEmpty();
    }
}
