package dev.klaxon.archive;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each kind of final object stays in the cluster, counted from when it became final
 * (the operator's annotation; for objects made final before it was written, from when they were
 * created: they are archived before they go, so nothing is lost, only kept in etcd for less).
 */
record Retention(Map<Class<? extends HasMetadata>, Duration> byKind) {

    /** The kinds that become final, in the order they are pruned (an incident's runs and review before it). */
    static final List<Class<? extends HasMetadata>> KINDS = List.of(PlaybookRun.class, PostIncidentReview.class, MaintenanceWindow.class,
            Incident.class);

    static Retention of(KlaxonConfig.Archive config) {
        return new Retention(Map.of(Incident.class, config.retention().incidents(), PlaybookRun.class, config.retention().playbookRuns(),
                PostIncidentReview.class, config.retention().reviews(), MaintenanceWindow.class, config.retention().maintenanceWindows()));
    }

    /** Whether the final object's retention has passed at {@code now}. */
    boolean due(HasMetadata object, Instant now) {
        Duration keep = byKind.get(object.getClass());
        return keep != null && !finalAt(object).plus(keep).isAfter(now);
    }

    static Instant finalAt(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(KlaxonApi.ANNOTATION_FINAL_AT))
                .flatMap(Timestamps::parseWritten)
                .orElseGet(() -> Timestamps.parse(object.getMetadata().getCreationTimestamp()));
    }
}
