package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.OnCallScheduleStatus;
import dev.klaxon.api.v1alpha1.Shift;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@code status.onCallNow}, {@code nextHandoff} and the coming shifts current: it computes
 * them from the schedule and wakes itself at the next hand-off, rather than polling.
 */
@ControllerConfiguration(name = "oncallschedule")
public class OnCallScheduleReconciler implements Reconciler<OnCallSchedule> {

    static final Duration PUBLISHED = Duration.ofDays(14);
    static final int MAX_SHIFTS = 50;

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final Clock clock;

    public OnCallScheduleReconciler(ReadyCondition ready, EventRecorder events, Clock clock) {
        this.ready = ready;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<OnCallSchedule> reconcile(OnCallSchedule schedule, Context<OnCallSchedule> context) {
        OnCallScheduleStatus status = schedule.getStatus() != null ? schedule.getStatus() : new OnCallScheduleStatus();
        schedule.setStatus(status);
        OnCallResolver resolver;
        try {
            resolver = new OnCallResolver(schedule.getSpec());
        } catch (IllegalArgumentException e) {
            // Nobody is known to be on call: escalation must not page whoever was before the edit.
            status.setOnCallNow(null);
            status.setOnCallSource(null);
            status.setNextHandoff(null);
            status.setNextOnCall(null);
            status.setUpcoming(List.of());
            ready.apply(schedule, status, List.of(new Problem(ConditionReason.InvalidSchedule, e.getMessage())), ConditionReason.Resolved, "");
            return UpdateControl.patchStatus(schedule);
        }
        Instant now = clock.instant();
        OnCallResolver.OnCall current = resolver.at(now);
        Optional<OnCallResolver.Handoff> next = resolver.nextHandoff(now);
        String previous = status.getOnCallNow();
        status.setOnCallNow(current.user());
        status.setOnCallSource(current.source());
        status.setNextHandoff(next.map(h -> Timestamps.format(h.at())).orElse(null));
        status.setNextOnCall(next.map(h -> h.next().user()).orElse(null));
        status.setUpcoming(resolver.stretches(now, now.plus(PUBLISHED), MAX_SHIFTS).stream()
                .map(s -> new Shift(s.onCall().user(), s.onCall().source(), Timestamps.format(s.start()), Timestamps.format(s.end())))
                .toList());
        if (status.getObservedGeneration() != null && !Objects.equals(previous, current.user())) {
            events.record(schedule, EventRecorder.Type.Normal, EventReason.Handoff, (current.user() != null ? current.user() + " is on call ("
                    + current.source() + ")" : "nobody is on call") + (previous != null ? ", after " + previous : ""));
        }
        ready.apply(schedule, status, List.of(), ConditionReason.Resolved, current.user() != null
                ? current.user() + " is on call" : "nobody is on call now");
        UpdateControl<OnCallSchedule> update = UpdateControl.patchStatus(schedule);
        // A few milliseconds past the hand-off, so the wake-up never lands just before it.
        next.ifPresent(h -> update.rescheduleAfter(Duration.between(now, h.at()).plusMillis(5)));
        return update;
    }

    @Override
    public ErrorStatusUpdateControl<OnCallSchedule> updateErrorStatus(OnCallSchedule resource, Context<OnCallSchedule> context, Exception e) {
        return ready.failed(resource, OnCallScheduleStatus::new, e);
    }
}
