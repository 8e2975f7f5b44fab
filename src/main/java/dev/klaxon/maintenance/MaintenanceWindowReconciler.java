package dev.klaxon.maintenance;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MaintenanceWindowStatus.Phase;
import dev.klaxon.api.v1alpha1.MaintenanceWindowStatus;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.OpenWork;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps a window's place in its schedule in status (Scheduled, Active, Ended, with the current or
 * next occurrence), wakes itself at each start and end, says whether the occurrence held anything
 * back, and warns once when one ended having matched nothing.
 */
@ControllerConfiguration(name = "maintenancewindow", informer = @Informer(labelSelector = KlaxonApi.NOT_FINAL))
public class MaintenanceWindowReconciler implements Reconciler<MaintenanceWindow> {

    private final MaintenanceCalendar calendar;
    private final Clock clock;
    private final ReadyCondition ready;
    private final EventRecorder events;
    private final KubernetesSerialization json;
    private final OpenWork openWork;

    public MaintenanceWindowReconciler(MaintenanceCalendar calendar, Clock clock, ReadyCondition ready, EventRecorder events,
            KubernetesClient client, OpenWork openWork) {
        this.openWork = openWork;
        this.calendar = calendar;
        this.clock = clock;
        this.ready = ready;
        this.events = events;
        this.json = client.getKubernetesSerialization();
    }

    @Override
    public List<EventSource<?, MaintenanceWindow>> prepareEventSources(EventSourceContext<MaintenanceWindow> context) {
        // A window that held its first alert back wakes, so its status says it matched.
        SimpleInboundEventSource<MaintenanceWindow> held = new SimpleInboundEventSource<>("maintenance-held");
        calendar.bind(context.getPrimaryCache(), held::propagateEvent);
        return List.of(held);
    }

    @Override
    public UpdateControl<MaintenanceWindow> reconcile(MaintenanceWindow window, Context<MaintenanceWindow> context) {
        String before = window.getStatus() == null ? null : json.asJson(window.getStatus());
        MaintenanceWindowStatus status = window.getStatus() != null ? window.getStatus() : new MaintenanceWindowStatus();
        window.setStatus(status);
        Instant now = clock.instant();
        calendar.forgetDeleted(); // what was known of deleted windows (no finalizer: deleting a window never waits for the operator)
        MaintenanceCalendar.Prepared prepared;
        try {
            prepared = calendar.read(window);
        } catch (MaintenanceSchedule.InvalidSchedule | IllegalArgumentException e) {
            // It holds nothing back, so it shows as in no occurrence (a status page then completes or drops its record).
            status.setPhase(null);
            status.setStartsAt(null);
            status.setEndsAt(null);
            status.setMatched(null);
            ready.apply(window, status, List.of(new Problem(e instanceof MaintenanceSchedule.InvalidSchedule invalid ? invalid.reason() : ConditionReason.InvalidMatcher,
                    e.getMessage() + "; the window holds nothing back")), ConditionReason.Scheduled, "");
            return json.asJson(status).equals(before) ? UpdateControl.noUpdate() : StatusPatch.applyAndCache(window, context);
        }
        calendar.seen();
        MaintenanceSchedule schedule = prepared.schedule();
        Optional<MaintenanceSchedule.Occurrence> current = schedule.current(now);
        Optional<MaintenanceSchedule.Occurrence> shown = current.or(() -> schedule.next(now)).or(() -> schedule.previous(now));
        recordEndedOccurrence(window, status, current);
        status.setPhase(current.isPresent() ? Phase.Active : schedule.hasEnded(now) ? Phase.Ended : Phase.Scheduled);
        String start = shown.map(o -> Timestamps.format(o.start())).orElse(null);
        if (!Objects.equals(start, status.getStartsAt())) {
            status.setMatched(null); // another occurrence: it has held nothing back yet
        }
        status.setStartsAt(start);
        status.setEndsAt(shown.map(o -> Timestamps.format(o.end())).orElse(null));
        if (current.isPresent() && calendar.heldSomething(window, current.get().start())) {
            status.setMatched(true);
        } else if (current.isPresent() && status.getMatched() == null) {
            status.setMatched(false);
        }
        ready.apply(window, status, List.of(), ConditionReason.Scheduled, status.getPhase() + (start == null ? "" : " " + start + " to " + status.getEndsAt()));
        UpdateControl<MaintenanceWindow> update = json.asJson(status).equals(before) ? UpdateControl.noUpdate()
                : StatusPatch.applyAndCache(window, context);
        // Wake at the next start or end; an ended window needs nothing more, and becomes final after the grace.
        Optional<Instant> settle = openWork.settle(window, status.getPhase() == Phase.Ended).map(now::plus);
        Stream.concat(Stream.concat(current.map(MaintenanceSchedule.Occurrence::end).stream(),
                                schedule.next(now).map(MaintenanceSchedule.Occurrence::start).stream()), settle.stream())
                .min(Instant::compareTo)
                .ifPresent(at -> update.rescheduleAfter(Duration.between(now, at).plusMillis(500)));
        return update;
    }

    /** The occurrence status was showing as Active has ended: if it held nothing back, say so (once). */
    private void recordEndedOccurrence(MaintenanceWindow window, MaintenanceWindowStatus status,
            Optional<MaintenanceSchedule.Occurrence> current) {
        if (status.getPhase() != Phase.Active || status.getStartsAt() == null
                || current.map(o -> Timestamps.format(o.start()).equals(status.getStartsAt())).orElse(false)) {
            return;
        }
        if (!Boolean.TRUE.equals(status.getMatched())) {
            status.setMatchedNothingAt(status.getStartsAt());
            events.record(window, EventRecorder.Type.Warning, EventReason.MatchedNothing, "the maintenance from " + status.getStartsAt() + " to "
                    + status.getEndsAt() + " held back no alert: do its matchers name the rules, labels or services meant?");
        }
    }

    @Override
    public ErrorStatusUpdateControl<MaintenanceWindow> updateErrorStatus(MaintenanceWindow window, Context<MaintenanceWindow> context,
            Exception e) {
        return ready.failed(window, MaintenanceWindowStatus::new, e);
    }
}
