package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of an incident wake its reconciler: a change of its spec (a new generation), its
 * deletion, and the alert engine's no-data mark, an annotation, so that the timeline says at once
 * that the alert's series went missing or came back. Status writes, including the reconciler's
 * own, wake nothing.
 */
public class IncidentChanges implements OnUpdateFilter<Incident> {

    @Override
    public boolean accept(Incident updated, Incident previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || (updated.getMetadata().getDeletionTimestamp() != null && previous.getMetadata().getDeletionTimestamp() == null)
                || !Objects.equals(noDataSince(updated), noDataSince(previous));
    }

    private static String noDataSince(Incident incident) {
        Map<String, String> annotations = incident.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(KlaxonApi.ANNOTATION_NO_DATA_SINCE);
    }
}
