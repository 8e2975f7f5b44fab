package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of an incident wake its reconciler: a change of its spec (a new generation), its
 * deletion, and the alert engine's annotations: the no-data mark, so that the timeline says at once
 * that the alert's series went missing or came back, and a storm's count, so that the incident
 * lists the alerts that share it. Status writes, including the reconciler's own, wake nothing.
 */
public class IncidentChanges implements OnUpdateFilter<Incident> {

    @Override
    public boolean accept(Incident updated, Incident previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || (updated.getMetadata().getDeletionTimestamp() != null && previous.getMetadata().getDeletionTimestamp() == null)
                || !Objects.equals(annotation(updated, KlaxonApi.ANNOTATION_NO_DATA_SINCE), annotation(previous, KlaxonApi.ANNOTATION_NO_DATA_SINCE))
                || !Objects.equals(annotation(updated, KlaxonApi.ANNOTATION_STORM_ALERTS), annotation(previous, KlaxonApi.ANNOTATION_STORM_ALERTS));
    }

    private static String annotation(Incident incident, String name) {
        Map<String, String> annotations = incident.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }
}
