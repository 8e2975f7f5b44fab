package dev.klaxon.maintenance;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.notify.DeliveryRound;
import dev.klaxon.notify.InternalChannels;
import dev.klaxon.notify.NotificationDelivery;
import dev.klaxon.notify.NotificationLedger;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Set;
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
    private final NotificationDelivery delivery;
    private InformerEventSource<NotificationChannel, MaintenanceWindow> channels;

    public MaintenanceWindowReconciler(MaintenanceCalendar calendar, Clock clock, ReadyCondition ready, EventRecorder events,
            KubernetesClient client, OpenWork openWork, NotificationDelivery delivery) {
        this.openWork = openWork;
        this.delivery = delivery;
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
        // Read when a start or end is told; a channel that changes wakes no window.
        channels = new InformerEventSource<>(InformerEventSourceConfiguration.from(NotificationChannel.class, MaintenanceWindow.class)
                .withName("maintenance-channels")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((NotificationChannel channel) -> Set.of())
                .build(), context);
        // A send that finished wakes its window, which records the outcome.
        SimpleInboundEventSource<MaintenanceWindow> deliveries = new SimpleInboundEventSource<>("maintenance-deliveries");
        delivery.onFinished(MaintenanceWindow.class, deliveries::propagateEvent);
        return List.of(held, channels, deliveries);
    }

    @Override
    public UpdateControl<MaintenanceWindow> reconcile(MaintenanceWindow window, Context<MaintenanceWindow> context) {
        String before = window.getStatus() == null ? null : json.asJson(window.getStatus());
        MaintenanceWindowStatus status = window.getStatus() != null ? window.getStatus() : new MaintenanceWindowStatus();
        window.setStatus(status);
        Instant now = clock.instant();
        calendar.forgetDeleted(); // what was known of deleted windows (no finalizer: deleting a window never waits for the operator)
        List<NotificationRecord> records = status.getNotifications() == null ? new ArrayList<>() : new ArrayList<>(status.getNotifications());
        List<Problem> problems = new ArrayList<>();
        List<String> told = internalChannels(window, problems);
        MaintenanceCalendar.Prepared prepared;
        try {
            prepared = calendar.read(window);
        } catch (MaintenanceSchedule.InvalidSchedule | IllegalArgumentException e) {
            // It holds nothing back, so it shows as in no occurrence (a status page then completes or drops its record);
            // an occurrence it was in ends now, and is told so.
            recordEndedOccurrence(window, status, Optional.empty(), records, told, now);
            status.setPhase(null);
            status.setStartsAt(null);
            status.setEndsAt(null);
            status.setMatched(null);
            problems.add(0, new Problem(e instanceof MaintenanceSchedule.InvalidSchedule invalid ? invalid.reason() : ConditionReason.InvalidMatcher,
                    e.getMessage() + "; the window holds nothing back"));
            ready.apply(window, status, problems, ConditionReason.Scheduled, "");
            return write(window, context, status, before, records, Optional.empty(), now);
        }
        calendar.seen();
        MaintenanceSchedule schedule = prepared.schedule();
        Optional<MaintenanceSchedule.Occurrence> current = schedule.current(now);
        Optional<MaintenanceSchedule.Occurrence> shown = current.or(() -> schedule.next(now)).or(() -> schedule.previous(now));
        recordEndedOccurrence(window, status, current, records, told, now);
        current.ifPresent(o -> MaintenanceNotices.started(records, told, o.start(), o.end(), now));
        MaintenanceNotices.compact(records, current.map(MaintenanceSchedule.Occurrence::start));
        // Recorded at once: a failure further on (its error status is written as it stands) keeps what was requested.
        status.setNotifications(records.isEmpty() ? null : records);
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
        ready.apply(window, status, problems, ConditionReason.Scheduled, status.getPhase() + (start == null ? "" : " " + start + " to " + status.getEndsAt()));
        // Wake at the next start or end; an ended window with its notices out needs nothing more, and becomes final after the grace.
        Optional<Instant> settle = openWork.settle(window, status.getPhase() == Phase.Ended && NotificationLedger.settled(records)).map(now::plus);
        Optional<Instant> next = Stream.concat(Stream.concat(current.map(MaintenanceSchedule.Occurrence::end).stream(),
                        schedule.next(now).map(MaintenanceSchedule.Occurrence::start).stream()), settle.stream()).min(Instant::compareTo);
        return write(window, context, status, before, records, next, now);
    }

    /** Plans the notices' delivery, writes the status when it changed, sends, and wakes at {@code next} or the next delivery retry. */
    private UpdateControl<MaintenanceWindow> write(MaintenanceWindow window, Context<MaintenanceWindow> context, MaintenanceWindowStatus status,
            String before, List<NotificationRecord> records, Optional<Instant> next, Instant now) {
        DeliveryRound deliveries = delivery.plan(window, records, name -> channels.get(new ResourceID(name, window.getMetadata().getNamespace())));
        status.setNotifications(records.isEmpty() ? null : records);
        return delivery.writeThenSend(window, context, before, deliveries, records, next, now);
    }

    /** The channels told of starts and ends: those named, but a pager or customer channel, which is refused (Ready=False). */
    private List<String> internalChannels(MaintenanceWindow window, List<Problem> problems) {
        List<String> told = new ArrayList<>();
        for (String name : window.getSpec().getChannels() == null ? List.<String>of() : window.getSpec().getChannels()) {
            Optional<NotificationChannel> channel = channels.get(new ResourceID(name, window.getMetadata().getNamespace()));
            Optional<String> notInternal = channel.flatMap(InternalChannels::whyNot);
            if (notInternal.isPresent()) {
                problems.add(new Problem(ConditionReason.ChannelNotInternal, "spec.channels: " + name + " is " + notInternal.get()
                        + "; maintenance is told to internal chat, webhook or email channels (customers see it on the status page)"));
            } else {
                told.add(name); // a missing channel is recorded as a failed delivery, and the record says why
            }
        }
        return told;
    }

    /**
     * The occurrence status was showing as Active has ended: its channels are told, with the alerts
     * it held back that open their incidents now; if it held nothing back, that is said (once).
     */
    private void recordEndedOccurrence(MaintenanceWindow window, MaintenanceWindowStatus status,
            Optional<MaintenanceSchedule.Occurrence> current, List<NotificationRecord> records, List<String> told, Instant now) {
        if (status.getPhase() != Phase.Active || status.getStartsAt() == null
                || current.map(o -> Timestamps.format(o.start()).equals(status.getStartsAt())).orElse(false)) {
            return;
        }
        Instant start = Timestamps.parse(status.getStartsAt());
        // Cut short (edited, or its end moved): it ended now, not when it was planned to.
        Instant end = status.getEndsAt() == null || Timestamps.parse(status.getEndsAt()).isAfter(now) ? now : Timestamps.parse(status.getEndsAt());
        MaintenanceNotices.ended(records, told, start, end, calendar.stillHeldAt(window, start, end, Boolean.TRUE.equals(status.getMatched())), now);
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
