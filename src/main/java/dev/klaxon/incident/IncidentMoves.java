package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The lifecycle moves the incident package makes itself on an incident's spec (documented moves,
 * each with a {@link ChangeNote} so the timeline says who and why).
 */
@Singleton
public class IncidentMoves {

    private final KubernetesClient client;

    public IncidentMoves(KubernetesClient client) {
        this.client = client;
    }

    /** Resolved -> Closed, as the operator, saying why; false when the incident changed meanwhile (look again). */
    boolean close(Incident incident, String reason) {
        ChangeNote note = new ChangeNote(IncidentPhase.Resolved.name(), IncidentPhase.Closed.name(), KlaxonApi.OPERATOR_AUTHOR, reason);
        // Only the incident as read: a reopen that landed meanwhile makes this a conflict, not a close.
        Map<String, Object> patch = Map.of("metadata", Map.of("annotations", Map.of(ChangeNote.PHASE, note.toJson()),
                        "resourceVersion", incident.getMetadata().getResourceVersion()),
                "spec", Map.of("phase", IncidentPhase.Closed.name()));
        try {
            client.resources(Incident.class).inNamespace(incident.getMetadata().getNamespace()).withName(incident.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
            return e.getCode() == 404;
        }
    }
}
