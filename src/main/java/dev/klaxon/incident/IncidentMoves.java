package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle moves the operator makes on an incident's spec, whatever opened it: resolving,
 * raising the severity and closing (each a documented move with a {@link ChangeNote}, so the
 * timeline says who and why), and marking that an alert's data went missing or came back.
 */
@Singleton
public class IncidentMoves {

    private final KubernetesClient client;

    public IncidentMoves(KubernetesClient client) {
        this.client = client;
    }

    /** Moves the incident to Resolved (a documented lifecycle move), saying why; false when it is gone or no longer open. */
    public boolean resolve(String namespace, String name, String reason) {
        return resolve(namespace, name, reason, Map.of());
    }

    /** The same, noting {@code annotations} on the incident in the same write (only when it resolves it). */
    public boolean resolve(String namespace, String name, String reason, Map<String, String> annotations) {
        Incident incident = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        if (incident == null || !IncidentOpener.isOpen(incident)) {
            return false;
        }
        patchSpec(namespace, name, "phase", IncidentPhase.Resolved.name(), ChangeNote.PHASE,
                new ChangeNote(incident.getSpec().getPhase().name(), IncidentPhase.Resolved.name(), KlaxonApi.OPERATOR_AUTHOR, reason), annotations);
        return true;
    }

    /** Raises an open incident's severity to a worse one, saying why; false when it is gone, not open or as bad already. */
    public boolean raiseSeverity(String namespace, String name, Severity severity, String reason) {
        Incident incident = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        if (incident == null || !IncidentOpener.isOpen(incident) || severity.ordinal() >= incident.getSpec().getSeverity().ordinal()) {
            return false;
        }
        patchSpec(namespace, name, "severity", severity.name(), ChangeNote.SEVERITY,
                new ChangeNote(incident.getSpec().getSeverity().name(), severity.name(), KlaxonApi.OPERATOR_AUTHOR, reason));
        return true;
    }

    /** Tells the incident its alert's series went missing ({@code since}) or came back (null): its timeline says so. */
    public void markNoData(String namespace, String name, Instant since) {
        Map<String, String> annotation = new LinkedHashMap<>();
        annotation.put(KlaxonApi.ANNOTATION_NO_DATA_SINCE, since == null ? null : Timestamps.format(since));
        client.resources(Incident.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations", annotation))));
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

    private void patchSpec(String namespace, String name, String field, String value, String noteAnnotation, ChangeNote note) {
        patchSpec(namespace, name, field, value, noteAnnotation, note, Map.of());
    }

    private void patchSpec(String namespace, String name, String field, String value, String noteAnnotation, ChangeNote note,
            Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, String> noted = new LinkedHashMap<>(annotations);
        noted.put(noteAnnotation, note.toJson());
        metadata.put("annotations", noted);
        if (field.equals("severity")) {
            metadata.put("labels", Map.of(KlaxonApi.LABEL_SEVERITY, value));
        }
        Map<String, Object> patch = Map.of("metadata", metadata, "spec", Map.of(field, value));
        client.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }
}
