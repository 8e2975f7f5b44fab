package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncidentProofTest {

    private static final OperatorKey KEY = new OperatorKey("an operator key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private static final OperatorKey OTHER = new OperatorKey("another key, also thirty-two bytes".getBytes(StandardCharsets.UTF_8));

    private static Incident heartbeatIncident(OperatorKey signer, String playbook) {
        Incident incident = new Incident();
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName("backup-missed-1").withNamespace("payments")
                .addToLabels(KlaxonApi.LABEL_HEARTBEAT, "backup");
        if (playbook != null) {
            metadata.addToAnnotations(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, playbook);
        }
        metadata.addToAnnotations(KlaxonApi.ANNOTATION_PROOF, signer.sign(IncidentProof.ofHeartbeat("payments", "backup-missed-1", "backup", playbook)));
        incident.setMetadata(metadata.build());
        return incident;
    }

    @Test
    void aHeartbeatsIncidentIsItsOnlyWithTheOperatorsSignatureOverItsLabelAndPlaybook() {
        assertThat(IncidentProof.isHeartbeats(KEY, heartbeatIncident(KEY, "restore"))).isTrue();
        assertThat(IncidentProof.isHeartbeats(KEY, heartbeatIncident(OTHER, "restore"))).as("someone else's key").isFalse();

        Incident swapped = heartbeatIncident(KEY, "restore");
        swapped.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, "drop-tables");
        assertThat(IncidentProof.isHeartbeats(KEY, swapped)).as("a playbook swapped in").isFalse();

        Incident moved = heartbeatIncident(KEY, null);
        moved.getMetadata().getLabels().put(KlaxonApi.LABEL_HEARTBEAT, "other");
        assertThat(IncidentProof.isHeartbeats(KEY, moved)).as("relabelled as another heartbeat's").isFalse();
    }

    @Test
    void eachOriginsSignaturePassesForItsOwnKindOnly() {
        Incident heartbeats = heartbeatIncident(KEY, null);
        heartbeats.getMetadata().getLabels().put(KlaxonApi.LABEL_WATCHER, "backup");
        assertThat(IncidentProof.isWatchers(KEY, heartbeats)).isFalse();

        Incident watchers = new Incident();
        watchers.setMetadata(new ObjectMetaBuilder().withName("prometheus-unreachable-1").withNamespace("sre")
                .addToLabels(KlaxonApi.LABEL_WATCHER, "prometheus").addToLabels(KlaxonApi.LABEL_HEARTBEAT, "prometheus")
                .addToAnnotations(KlaxonApi.ANNOTATION_PROOF, KEY.sign(IncidentProof.ofWatcher("sre", "prometheus-unreachable-1", "prometheus")))
                .build());
        assertThat(IncidentProof.isWatchers(KEY, watchers)).isTrue();
        assertThat(IncidentProof.isHeartbeats(KEY, watchers)).isFalse();
        assertThat(IncidentProof.isRuleAlerts(KEY, watchers)).isFalse();
    }
}
