package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.KlaxonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
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
    public void apply(HasMetadata resource, KlaxonStatus status, List<Problem> problems, ConditionReason readyReason, String readyMessage) {
        Long generation = resource.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        if (problems.isEmpty()) {
            Conditions.set(status, Condition.READY, Condition.Status.True, readyReason.name(), readyMessage, generation, clock.instant());
            return;
        }
        ConditionReason reason = problems.get(0).reason();
        String message = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
        if (Conditions.set(status, Condition.READY, Condition.Status.False, reason.name(), message, generation, clock.instant())) {
            events.record(resource, EventRecorder.Type.Warning, reason, message);
        }
    }

    /**
     * What every reconciler's {@code updateErrorStatus} does: a failure nobody planned for shows on
     * the object as Ready=False {@code ReconcileFailed} with its message (and a Warning Event),
     * the rest of the status as it was. The operator SDK retries the reconcile as usual.
     */
    public <S extends KlaxonStatus, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> failed(P resource, Supplier<S> emptyStatus,
            Exception failure) {
        S status = resource.getStatus() != null ? resource.getStatus() : emptyStatus.get();
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        apply(resource, status, List.of(new Problem(ConditionReason.ReconcileFailed, "the operator could not reconcile this object and retries: "
                + (message.length() > 1024 ? message.substring(0, 1024) + "…" : message))), ConditionReason.ReconcileFailed, "");
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }
}
