package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.NamespaceCache;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.RunSeal;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.CustomerNoticePlan;
import dev.klaxon.notify.DeliveryRound;
import dev.klaxon.notify.FollowUpPlan;
import dev.klaxon.notify.NotificationDelivery;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps an incident's record: reads it, lets plain classes decide (the phase and severity moves,
 * {@link PhaseRecords}; SLA and staffing, {@link IncidentLifecycle}; pages, {@link Paging} with the
 * escalation package; runs, {@link AutoRunStep}; notifications, the notify package), writes the
 * status once, and only then lets the planned notifications go out. Wakes itself at the next
 * deadline, escalation level or retry; delivery outcomes wake it too.
 */
@ControllerConfiguration(name = "incident", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = IncidentChanges.class, itemStore = LeanItemStore.class, labelSelector = KlaxonApi.NOT_FINAL))
public class IncidentReconciler implements Reconciler<Incident> {

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final Clock clock;
    private final SeverityMatrix matrix;

    private final IncidentMetrics metrics;

    private final NotificationDelivery delivery;
    private final OperatorKey key;
    private final RuleRateLimits rateLimits;
    private final AutoRunStep autoRunStep;
    private final Paging paging;
    private final SharedAlerts sharedAlerts;
    private final HeldBackAlerts heldBackAlerts;
    private final OpenIncidents openIncidents;
    private final ReviewRequests reviews;
    private final PhaseRecords records;
    private final DoneIncidents doneIncidents;

    public IncidentReconciler(ReadyCondition ready, EventRecorder events, Clock clock, KlaxonConfig config, IncidentMetrics metrics,
            NotificationDelivery delivery, OperatorKey key, AutoRunStarter autoRuns, RuleLimits ruleLimits, SharedAlerts sharedAlerts,
            ReviewRequests reviews, DoneIncidents doneIncidents, HeldBackAlerts heldBackAlerts, OpenIncidents openIncidents) {
        this.heldBackAlerts = heldBackAlerts;
        this.openIncidents = openIncidents;
        this.doneIncidents = doneIncidents;
        this.sharedAlerts = sharedAlerts;
        this.reviews = reviews;
        this.records = new PhaseRecords(events, metrics);
        this.rateLimits = new RuleRateLimits(ruleLimits);
        this.autoRunStep = new AutoRunStep(autoRuns, rateLimits, events);
        this.paging = new Paging(rateLimits, events);
        this.delivery = delivery;
        this.key = key;
        this.ready = ready;
        this.events = events;
        this.clock = clock;
        this.matrix = SeverityMatrix.from(config.sla());
        this.metrics = metrics;
    }

    /** Playbooks of the watched namespaces, read from an informer rather than listed on every reconcile. */
    private InformerEventSource<Playbook, Incident> playbooks;
    /** Playbook runs, so that each move of a run for an incident lands in its timeline. */
    private InformerEventSource<PlaybookRun, Incident> runs;
    static final String POLICY = "escalation-policy";
    private InformerEventSource<EscalationPolicy, Incident> policies;
    private InformerEventSource<OnCallSchedule, Incident> schedules;
    private InformerEventSource<NotificationChannel, Incident> channels;

    @Override
    public List<EventSource<?, Incident>> prepareEventSources(EventSourceContext<Incident> context) {
        metrics.watch(context.getPrimaryCache());
        metrics.watchUndelivered(context.getPrimaryCache());
        rateLimits.index(context.getPrimaryCache());
        openIncidents.bind(context.getPrimaryCache());
        // A Playbook that appears or changes may now fit the open incidents of its namespace.
        playbooks = new InformerEventSource<>(InformerEventSourceConfiguration.from(Playbook.class, Incident.class)
                .withName("playbooks")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((Playbook playbook) -> NamespaceCache.list(context.getPrimaryCache(),
                        playbook.getMetadata().getNamespace(), IncidentOpener::isOpen)
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        runs = new InformerEventSource<>(InformerEventSourceConfiguration.from(PlaybookRun.class, Incident.class)
                .withName("playbook-runs")
                .withItemStore(new LeanItemStore<>())
                .withLabelSelector(KlaxonApi.NOT_FINAL)
                .withSecondaryToPrimaryMapper((PlaybookRun run) -> run.getSpec().getIncidentRef() == null ? Set.of()
                        : Set.of(new ResourceID(run.getSpec().getIncidentRef(), run.getMetadata().getNamespace())))
                .build(), context);
        policies = ReferenceWatch.of(context, EscalationPolicy.class, POLICY, i -> i.getSpec().getEscalationPolicyRef());
        // Read when a level pages a schedule; a hand-off does not need to wake any incident.
        schedules = new InformerEventSource<>(InformerEventSourceConfiguration.from(OnCallSchedule.class, Incident.class)
                .withName("oncall-schedules")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((OnCallSchedule schedule) -> Set.of())
                .build(), context);
        channels = new InformerEventSource<>(InformerEventSourceConfiguration.from(NotificationChannel.class, Incident.class)
                .withName("notification-channels")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((NotificationChannel channel) -> Set.of())
                .build(), context);
        // A send that finished wakes its incident, which records the outcome.
        SimpleInboundEventSource<Incident> deliveries = new SimpleInboundEventSource<>("deliveries");
        delivery.onFinished(Incident.class, deliveries::propagateEvent);
        // Alerts attached to an incident (a dependent service's, a correlated rule's) changed: it lists them again.
        SimpleInboundEventSource<Incident> attached = new SimpleInboundEventSource<>("held-back-alerts");
        heldBackAlerts.onChange(attached::propagateEvent);
        return List.of(playbooks, runs, policies, schedules, channels, deliveries, attached);
    }

    @Override
    public UpdateControl<Incident> reconcile(Incident incident, Context<Incident> context) {
        openIncidents.seen();
        IncidentStatus status = incident.getStatus() != null ? incident.getStatus() : new IncidentStatus();
        if (status.getTimeline() == null) {
            status.setTimeline(new ArrayList<>());
        }
        Instant instant = clock.instant();
        String now = Timestamps.format(instant);
        boolean wasAcknowledged = status.getAcknowledgedAt() != null;
        boolean wasResolved = status.getResolvedAt() != null;
        List<Problem> problems = List.of();
        // First seen already Resolved or Closed: a record brought in (a migration, a restore), not an
        // incident worked under the operator's watch. It opens no review and needs no grace.
        boolean imported = status.getPhase() == null && incident.getSpec().getPhase() != null && !incident.getSpec().getPhase().isOpen();
        if (status.getPhase() == null) {
            records.opened(incident, status, now);
        } else {
            problems = records.acceptPhase(incident, status, instant);
            records.recordSeverity(incident, status, now);
        }
        boolean roundWasAcknowledged = status.getRoundAcknowledgedAt() != null;
        Optional<String> aheadOfRound = IncidentLifecycle.acknowledgeRound(incident.getSpec(), status, instant);
        if (aheadOfRound.isPresent()) {
            problems = new ArrayList<>(problems);
            problems.add(new Problem(ConditionReason.AcknowledgedRoundAhead, aheadOfRound.get()));
        } else if (!roundWasAcknowledged && status.getRoundAcknowledgedAt() != null) {
            TimelineEntry acknowledged = IncidentLifecycle.roundAcknowledged(incident.getMetadata().getAnnotations(), status, now);
            status.setRoundAcknowledgedBy(dev.klaxon.common.Text.cut(acknowledged.getAuthor(), KlaxonApi.MAX_NAME));
            IncidentLifecycle.addToTimeline(status, acknowledged);
            events.record(incident, EventRecorder.Type.Normal, EventReason.Acknowledged, acknowledged.getMessage());
        }
        IncidentLifecycle.recordNoData(incident, status, now);
        sharedAlerts.of(incident).ifPresent(shared -> {
            status.setSharedAlerts(shared.alerts());
            status.setSharedAlertCounts(shared.counts());
        });
        AttachedAlertRecords.record(status, heldBackAlerts.of(incident), now);
        String name = incident.getMetadata().getName();
        List<PlaybookRun> runsOfIncident = NamespaceCache.list(runs, incident.getMetadata().getNamespace(),
                run -> name.equals(run.getSpec().getIncidentRef())).toList();
        // The timeline is the audit record: only moves the operator sealed go into it.
        PlaybookRunRecords.record(status, runsOfIncident.stream().filter(run -> run.getStatus() == null
                || RunSeal.holds(key, run.getMetadata().getUid(), run.getStatus())).toList());
        Optional<Instant> autoRunRetryAt = autoRunStep.ensure(incident, status, instant);
        IncidentLifecycle.staff(incident.getSpec(), status, matrix);
        PlaybookSuggestions.Suggestions suggestions = PlaybookSuggestions.suggest(incident.getSpec(),
                NamespaceCache.list(playbooks, incident.getMetadata().getNamespace()).toList());
        status.setSuggestedPlaybooks(suggestions.names());
        status.setSuggestedPlaybooksNotListed(suggestions.notListed() == 0 ? null : suggestions.notListed());
        if (!wasAcknowledged && status.getMttaSeconds() != null) {
            metrics.acknowledged(incident.getSpec().getSeverity(), status.getMttaSeconds());
        }
        if (!wasResolved && status.getMttrSeconds() != null) {
            metrics.resolved(incident.getSpec().getSeverity(), status.getMttrSeconds());
        }
        if (!wasResolved && status.getResolvedAt() != null) {
            heldBackAlerts.released(incident);
        }
        if (!wasResolved && status.getResolvedAt() != null && !imported) {
            // The resolution is recorded even when the review cannot be opened (a quota, a webhook): it says so instead.
            try {
                reviews.resolved(incident).ifPresent(review -> IncidentLifecycle.addToTimeline(status,
                        new TimelineEntry(now, "ReviewOpened", "post-incident review: " + review, null)));
            } catch (RuntimeException e) {
                events.record(incident, EventRecorder.Type.Warning, EventReason.ReviewNotOpened, "the post-incident review could not be opened: "
                        + e.getMessage());
            }
        }
        for (IncidentLifecycle.Notice notice : IncidentLifecycle.checkSla(incident.getSpec(), status, matrix, instant)) {
            metrics.breached(incident.getSpec().getSeverity());
            events.record(incident, notice.warning() ? EventRecorder.Type.Warning : EventRecorder.Type.Normal, notice.reason(),
                    notice.message());
        }
        String namespace = incident.getMetadata().getNamespace();
        // Follow-ups first, so a channel hears "reopened" before the new round's first page.
        FollowUpPlan.request(notifications(status), status, channel -> isForCustomers(namespace, channel), instant);
        String ns = incident.getMetadata().getNamespace();
        Optional<EscalationPolicy> policy = context.getSecondaryResource(EscalationPolicy.class, POLICY);
        Optional<Instant> escalateAt = paging.page(incident, status, instant, policy,
                schedule -> schedules.get(new ResourceID(schedule, ns)).map(s -> s.getStatus() != null ? s.getStatus().getOnCallNow() : null),
                channel -> isForCustomers(ns, channel));
        DeliveryRound deliveries = notify(incident, status);
        // After the outcomes are recorded: a page that just failed goes through its fallbacks (planned at the next wake, within a second).
        List<Problem> undelivered = paging.fallBack(incident, status, instant, policy, channel -> isForCustomers(ns, channel));
        if (!undelivered.isEmpty()) {
            problems = new ArrayList<>(problems);
            problems.addAll(undelivered);
        }
        if (incident.getSpec().getEscalationPolicyRef() != null && status.getEscalation() == null) {
            problems = new ArrayList<>(problems);
            problems.add(new Problem(ConditionReason.EscalationPolicyNotFound, "spec.escalationPolicyRef: EscalationPolicy "
                    + incident.getSpec().getEscalationPolicyRef() + " does not exist in this namespace; nobody is paged"));
        }
        ready.apply(incident, status, problems, ConditionReason.PhaseAccepted, "phase " + status.getPhase());
        incident.setStatus(status);
        // Pages and notifications were just sent: the next reconcile must see that, even before the informer does.
        UpdateControl<Incident> update = StatusPatch.applyAndCache(incident, context);
        // Only now, with Sending recorded, do the messages go out: a failed write above sends nothing.
        delivery.commit(incident, deliveries);
        Optional<Instant> retryAt = NotificationLedger.nextAttempt(notifications(status));
        Optional<Duration> done = doneIncidents.settle(incident, status, runsOfIncident, imported, instant);
        // Wake up at the response deadline, the next escalation level or the next delivery retry
        // itself, not at the next unrelated change.
        Optional<Duration> wake = Stream.of(IncidentLifecycle.untilNextDeadline(status, instant),
                        escalateAt.map(at -> Duration.between(instant, at).plusMillis(5)),
                        // At least a second: a retry never spins the reconciler.
                        retryAt.map(at -> Duration.between(instant, at).plusMillis(5)).map(d -> d.compareTo(Duration.ofSeconds(1)) < 0
                                ? Duration.ofSeconds(1) : d),
                        autoRunRetryAt.map(at -> Duration.between(instant, at)),
                        done)
                .flatMap(Optional::stream).map(d -> d.isNegative() ? Duration.ZERO : d).min(Duration::compareTo);
        wake.ifPresent(update::rescheduleAfter);
        return update;
    }

    /** Requests the customer notices that are owed, records what delivery reported and plans the due sends. */
    private DeliveryRound notify(Incident incident, IncidentStatus status) {
        String namespace = incident.getMetadata().getNamespace();
        int dropped = NotificationLedger.compact(notifications(status), NotificationEvent.roundOf(status), NotificationLedger.MAX_LISTED_BYTES);
        if (dropped > 0) {
            status.setNotificationsNotListed((status.getNotificationsNotListed() == null ? 0 : status.getNotificationsNotListed()) + dropped);
        }
        CustomerNoticePlan.request(notifications(status), incident.getSpec(), status,
                NamespaceCache.list(channels, namespace, c -> c.getSpec().getAudience() == NotificationChannelSpec.Audience.Customers).toList(),
                clock.instant());
        incident.setStatus(status);
        return delivery.plan(incident, status.getNotifications(), name -> channels.get(new ResourceID(name, namespace)));
    }

    private boolean isForCustomers(String namespace, String channel) {
        return channels.get(new ResourceID(channel, namespace))
                .map(c -> c.getSpec().getAudience() == NotificationChannelSpec.Audience.Customers).orElse(false);
    }

    /** The incident's notification records, created empty the first time. */
    static List<NotificationRecord> notifications(IncidentStatus status) {
        if (status.getNotifications() == null) {
            status.setNotifications(new ArrayList<>());
        }
        return status.getNotifications();
    }

    @Override
    public ErrorStatusUpdateControl<Incident> updateErrorStatus(Incident resource, Context<Incident> context, Exception e) {
        return ready.failed(resource, IncidentStatus::new, e);
    }
}
