package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An open alert's incident whose rule names a playbook has its run: started on any reconcile
 * until it exists (also when the operator died right after opening the incident), within the
 * rule's {@code incident.maxAutoRunsPerHour}. Records what it did in the incident's status.
 */
final class AutoRunStep {

    /** How soon to try again when an alert's incident could not start its playbook run. */
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final AutoRunStarter starter;
    private final RuleRateLimits limits;
    private final EventRecorder events;

    AutoRunStep(AutoRunStarter starter, RuleRateLimits limits, EventRecorder events) {
        this.starter = starter;
        this.limits = limits;
        this.events = events;
    }

    /** @return when to try again: after a failure, or when the rule's hour allows the run */
    Optional<Instant> ensure(Incident incident, IncidentStatus status, Instant now) {
        if (!IncidentOpener.isOpen(incident) || status.getAutoRun() != null) {
            status.setAutoRunDeferredUntil(null); // closed while its run waited: it never starts
            return Optional.empty();
        }
        Optional<String> playbook = starter.owedPlaybook(incident);
        if (playbook.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> deferred = limits.autoRunDeferredUntil(incident, status, now);
        if (deferred.isPresent()) {
            if (status.getAutoRunDeferredUntil() == null) {
                String message = "Playbook " + playbook.get() + " waits until " + Timestamps.format(deferred.get())
                        + ": the incidents of its AlertRule started incident.maxAutoRunsPerHour runs within the hour";
                IncidentLifecycle.addToTimeline(status, new TimelineEntry(Timestamps.format(now), "AutoRunDeferred", message, KlaxonApi.OPERATOR_AUTHOR));
                events.record(incident, EventRecorder.Type.Warning, EventReason.AutoRunDeferred, message);
            }
            status.setAutoRunDeferredUntil(Timestamps.format(deferred.get()));
            return deferred;
        }
        Optional<String> run = starter.ensureRun(incident, playbook.get());
        run.ifPresent(name -> {
            status.setAutoRun(name);
            status.setAutoRunStartedAt(Timestamps.format(now));
            status.setAutoRunDeferredUntil(null);
        });
        return run.isPresent() ? Optional.empty() : Optional.of(now.plus(RETRY));
    }
}
