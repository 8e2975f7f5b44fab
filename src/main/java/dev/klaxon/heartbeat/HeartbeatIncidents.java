package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentMoves;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.incident.ObjectOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The incidents of missed heartbeats: {@code <heartbeat>-missed-<n>}, opened through
 * {@link IncidentOpener} (one per miss, adopted rather than doubled after a crash) and counted
 * as a heartbeat's only when the operator's signature holds.
 */
final class HeartbeatIncidents {

    private final KubernetesClient client;
    private final OperatorKey key;
    private final IncidentOpener opener;
    private final IncidentMoves moves;

    HeartbeatIncidents(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.opener = new IncidentOpener(client, key);
        this.moves = new IncidentMoves(client);
    }

    /** Opens the incident of the miss (or finds the open one); returns its name. */
    String open(Heartbeat heartbeat, String why, Instant since) {
        // Once per miss: the heartbeat's signed incidents, final ones too, for the next name in the sequence.
        List<Incident> previous = client.resources(Incident.class).inNamespace(heartbeat.getMetadata().getNamespace())
                .withLabel(KlaxonApi.LABEL_HEARTBEAT, heartbeat.getMetadata().getName()).list().getItems().stream()
                .filter(i -> IncidentProof.isHeartbeats(key, i)).toList();
        return opener.open(new Missed(heartbeat, why, since), previous);
    }

    /** Resolves the incident, saying why (a documented lifecycle move, on its timeline). */
    boolean resolve(String namespace, String name, String why) {
        return moves.resolve(namespace, name, why);
    }

    /** A heartbeat's miss as the origin of incidents. */
    private final class Missed extends ObjectOrigin {
        private final Heartbeat heartbeat;
        private final String why;
        private final Instant since;

        Missed(Heartbeat heartbeat, String why, Instant since) {
            super(heartbeat.getMetadata().getNamespace(), heartbeat.getMetadata().getName(), "missed", "heartbeat-incident-name");
            this.heartbeat = heartbeat;
            this.why = why;
            this.since = since;
        }

        @Override
        public Incident incident(String name) {
            HeartbeatSpec spec = heartbeat.getSpec();
            IncidentSpec incidentSpec = new IncidentSpec();
            incidentSpec.setTitle(spec.getTitle() != null ? spec.getTitle() : "Heartbeat " + heartbeat.getMetadata().getName() + " missed");
            incidentSpec.setSeverity(spec.getSeverity());
            incidentSpec.setCategory(spec.getCategory());
            incidentSpec.setDescription(description(spec.getDescription(), why));
            incidentSpec.setEscalationPolicyRef(spec.getEscalationPolicyRef());
            return incident(name, KlaxonApi.LABEL_HEARTBEAT, incidentSpec, spec.getPlaybookRef(), since, Map.of());
        }

        @Override
        public String proofText(Incident incident) {
            return IncidentProof.ofHeartbeat(incident.getMetadata().getNamespace(), incident.getMetadata().getName(),
                    heartbeat.getMetadata().getName(), heartbeat.getSpec().getPlaybookRef());
        }

        @Override
        public boolean isOwnOpenIncident(Incident existing) {
            return IncidentProof.isHeartbeats(key, existing) && IncidentOpener.isOpen(existing)
                    && heartbeat.getMetadata().getName().equals(existing.getMetadata().getLabels().get(KlaxonApi.LABEL_HEARTBEAT));
        }

        @Override
        public String describe() {
            return "Heartbeat " + heartbeat.getMetadata().getName();
        }
    }
}
