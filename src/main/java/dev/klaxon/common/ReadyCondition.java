package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.KlaxonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the outcome of validating an object into its Ready condition and, when that changes,
 * a Kubernetes Event. One place, so every kind reports problems the same way.
 */
@ApplicationScoped
public class ReadyCondition {

    private final Clock clock;
    private final EventRecorder events;

    public ReadyCondition(Clock clock, EventRecorder events) {
        this.clock = clock;
        this.events = events;
    }

    /** Ready=True with {@code readyReason}, or Ready=False with the first problem's reason and all messages. */
    public void apply(HasMetadata resource, KlaxonStatus status, List<Problem> problems, String readyReason, String readyMessage) {
        Long generation = resource.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        if (problems.isEmpty()) {
            Conditions.set(status, Condition.READY, Condition.Status.True, readyReason, readyMessage, generation, clock.instant());
            return;
        }
        String reason = problems.get(0).reason();
        String message = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
        if (Conditions.set(status, Condition.READY, Condition.Status.False, reason, message, generation, clock.instant())) {
            events.record(resource, EventRecorder.Type.Warning, reason, message);
        }
    }
}
