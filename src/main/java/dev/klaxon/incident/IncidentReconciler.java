package dev.klaxon.incident;

import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.RunSeal;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.CustomerNoticePlan;
import dev.klaxon.notify.FollowUpPlan;
import dev.klaxon.notify.NotificationDelivery;
import dev.klaxon.notify.NotificationLedger;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
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
 * Accepts the phase people (or the alert engine) request into status and records what happened
 * in the timeline: opening, phase moves and severity changes, with who and why when a
 * {@link ChangeNote} says so.
 */
@ControllerConfiguration(name = "incident", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = IncidentChanges.class, itemStore = LeanItemStore.class))
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

    public IncidentReconciler(ReadyCondition ready, EventRecorder events, Clock clock, KlaxonConfig config, IncidentMetrics metrics,
            NotificationDelivery delivery, OperatorKey key, AutoRunStarter autoRuns, RuleLimits ruleLimits, SharedAlerts sharedAlerts) {
        this.sharedAlerts = sharedAlerts;
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
        rateLimits.index(context.getPrimaryCache());
        // A Playbook that appears or changes may now fit the open incidents of its namespace.
        playbooks = new InformerEventSource<>(InformerEventSourceConfiguration.from(Playbook.class, Incident.class)
                .withName("playbooks")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((Playbook playbook) -> context.getPrimaryCache()
                        .list(playbook.getMetadata().getNamespace(), IncidentReconciler::isOpen)
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        runs = new InformerEventSource<>(InformerEventSourceConfiguration.from(PlaybookRun.class, Incident.class)
                .withName("playbook-runs")
                .withItemStore(new LeanItemStore<>())
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
        return List.of(playbooks, runs, policies, schedules, channels);
    }

    static boolean isOpen(Incident incident) {
        IncidentPhase phase = incident.getSpec().getPhase();
        return phase == null || phase.isOpen();
    }

    @Override
    public UpdateControl<Incident> reconcile(Incident incident, Context<Incident> context) {
        IncidentStatus status = incident.getStatus() != null ? incident.getStatus() : new IncidentStatus();
        if (status.getTimeline() == null) {
            status.setTimeline(new ArrayList<>());
        }
        Instant instant = clock.instant();
        String now = Timestamps.format(instant);
        boolean wasAcknowledged = status.getAcknowledgedAt() != null;
        boolean wasResolved = status.getResolvedAt() != null;
        List<Problem> problems = List.of();
        if (status.getPhase() == null) {
            opened(incident, status, now);
        } else {
            problems = acceptPhase(incident, status, instant);
            recordSeverity(incident, status, now);
        }
        boolean roundWasAcknowledged = status.getRoundAcknowledgedAt() != null;
        Optional<String> aheadOfRound = IncidentLifecycle.acknowledgeRound(incident.getSpec(), status, instant);
        if (aheadOfRound.isPresent()) {
            problems = new ArrayList<>(problems);
            problems.add(new Problem("AcknowledgedRoundAhead", aheadOfRound.get()));
        } else if (!roundWasAcknowledged && status.getRoundAcknowledgedAt() != null) {
            String message = "Round " + IncidentLifecycle.round(status) + " acknowledged";
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "Acknowledged", message, null));
            events.record(incident, EventRecorder.Type.Normal, "Acknowledged", message);
        }
        IncidentLifecycle.recordNoData(incident, status, now);
        sharedAlerts.of(incident).ifPresent(shared -> {
            status.setSharedAlerts(shared.alerts());
            status.setSharedAlertCounts(shared.counts());
        });
        String name = incident.getMetadata().getName();
        // The timeline is the audit record: only moves the operator sealed go into it.
        PlaybookRunRecords.record(status, runs.list(incident.getMetadata().getNamespace(),
                run -> name.equals(run.getSpec().getIncidentRef()) && (run.getStatus() == null
                        || RunSeal.holds(key, run.getMetadata().getUid(), run.getStatus()))).toList());
        Optional<Instant> autoRunRetryAt = autoRunStep.ensure(incident, status, instant);
        IncidentLifecycle.staff(incident.getSpec(), status, matrix);
        status.setSuggestedPlaybooks(PlaybookSuggestions.suggest(incident.getSpec(),
                playbooks.list(incident.getMetadata().getNamespace(), p -> true).toList()));
        if (!wasAcknowledged && status.getMttaSeconds() != null) {
            metrics.acknowledged(incident.getSpec().getSeverity(), status.getMttaSeconds());
        }
        if (!wasResolved && status.getMttrSeconds() != null) {
            metrics.resolved(incident.getSpec().getSeverity(), status.getMttrSeconds());
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
        Optional<Instant> escalateAt = paging.page(incident, status, instant, context.getSecondaryResource(EscalationPolicy.class, POLICY),
                schedule -> schedules.get(new ResourceID(schedule, ns)).map(s -> s.getStatus() != null ? s.getStatus().getOnCallNow() : null),
                channel -> isForCustomers(ns, channel));
        Optional<Instant> retryAt = notify(incident, status, instant);
        if (incident.getSpec().getEscalationPolicyRef() != null && status.getEscalation() == null) {
            problems = new ArrayList<>(problems);
            problems.add(new Problem("EscalationPolicyNotFound", "spec.escalationPolicyRef: EscalationPolicy "
                    + incident.getSpec().getEscalationPolicyRef() + " does not exist in this namespace; nobody is paged"));
        }
        ready.apply(incident, status, problems, "PhaseAccepted", "phase " + status.getPhase());
        incident.setStatus(status);
        // Pages and notifications were just sent: the next reconcile must see that, even before the informer does.
        UpdateControl<Incident> update = StatusPatch.applyAndCache(incident, context);
        // Wake up at the response deadline, the next escalation level or the next delivery retry
        // itself, not at the next unrelated change.
        Optional<Duration> wake = Stream.of(IncidentLifecycle.untilNextDeadline(status, instant),
                        escalateAt.map(at -> Duration.between(instant, at).plusMillis(5)),
                        // At least a second: a retry never spins the reconciler.
                        retryAt.map(at -> Duration.between(instant, at).plusMillis(5)).map(d -> d.compareTo(Duration.ofSeconds(1)) < 0
                                ? Duration.ofSeconds(1) : d),
                        autoRunRetryAt.map(at -> Duration.between(instant, at)))
                .flatMap(Optional::stream).map(d -> d.isNegative() ? Duration.ZERO : d).min(Duration::compareTo);
        wake.ifPresent(update::rescheduleAfter);
        return update;
    }

    /** Requests the customer notices that are owed, then sends every due notification. Returns when the next retry is due. */
    private Optional<Instant> notify(Incident incident, IncidentStatus status, Instant now) {
        String namespace = incident.getMetadata().getNamespace();
        CustomerNoticePlan.request(notifications(status), incident.getSpec(), status,
                channels.list(namespace, c -> c.getSpec().getAudience() == NotificationChannelSpec.Audience.Customers).toList(), now);
        if (status.getNotifications().isEmpty()) {
            return Optional.empty();
        }
        List<NotificationRecord> records = status.getNotifications();
        incident.setStatus(status);
        delivery.deliverDue(incident, records, name -> channels.get(new ResourceID(name, namespace)));
        return NotificationLedger.nextAttempt(records);
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

    private void opened(Incident incident, IncidentStatus status, String now) {
        String created = incident.getMetadata().getCreationTimestamp();
        status.setDetectedAt(created != null ? created : now);
        status.setPhase(incident.getSpec().getPhase());
        status.setSeverity(incident.getSpec().getSeverity());
        IncidentLifecycle.reached(status, status.getPhase(), Timestamps.parse(status.getDetectedAt()));
        IncidentSource source = incident.getSpec().getSource();
        String message = source != null && source.getAlertRule() != null
                ? "Opened by AlertRule " + source.getAlertRule() + " (value " + source.getValue() + ", labels " + source.getLabels() + ")"
                : "Declared";
        String replaces = incident.getMetadata().getAnnotations() == null ? null
                : incident.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_REPLACES_DELETED);
        if (replaces != null) {
            message += "; it replaces incident " + replaces + ", deleted while its alert still fired";
        }
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(status.getDetectedAt(), "Opened",
                message + ": " + incident.getSpec().getSeverity() + " " + incident.getSpec().getTitle(),
                source != null ? KlaxonApi.OPERATOR_AUTHOR : null));
        events.record(incident, EventRecorder.Type.Normal, "Opened", message);
    }

    private List<Problem> acceptPhase(Incident incident, IncidentStatus status, Instant instant) {
        String now = Timestamps.format(instant);
        IncidentPhase from = status.getPhase();
        IncidentPhase to = incident.getSpec().getPhase();
        if (from == to) {
            return List.of();
        }
        if (!PhaseTransitions.isAllowed(from, to)) {
            return List.of(new Problem("IllegalPhaseTransition",
                    "spec.phase: " + from + " -> " + to + " is not allowed; the incident stays " + from));
        }
        status.setPhase(to);
        Optional<ChangeNote> note = ChangeNote.explaining(incident.getMetadata().getAnnotations(), ChangeNote.PHASE, from.name(), to.name());
        boolean byOperator = note.map(n -> KlaxonApi.OPERATOR_AUTHOR.equals(n.by())).orElse(false);
        boolean wasResolved = status.getResolvedAt() != null;
        boolean reopen = from == IncidentPhase.Resolved && to == IncidentPhase.Investigating;
        if (reopen) {
            IncidentLifecycle.reopen(status, instant);
        } else {
            IncidentLifecycle.reached(status, to, instant, byOperator ? IncidentLifecycle.Mover.OPERATOR : IncidentLifecycle.Mover.PERSON);
        }
        String message = from + " -> " + to + note.map(n -> ": " + n.reason()).orElse("");
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "PhaseChanged", message, note.map(ChangeNote::by).orElse(null)));
        if (reopen) {
            String round = "round " + IncidentLifecycle.round(status);
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "Reopened", "Reopened (" + round + "): the response targets and "
                    + "the escalation start again from level 1, and the channels that were told hear it reopened", KlaxonApi.OPERATOR_AUTHOR));
            metrics.reopened(incident.getSpec().getSeverity());
            events.record(incident, EventRecorder.Type.Warning, "Reopened", message + " (" + round + ")");
            return List.of();
        }
        if (!wasResolved && status.getResolvedAt() != null && IncidentLifecycle.roundAcknowledgedAt(status).isEmpty()) {
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "ResolvedUnacknowledged",
                    "resolved without anyone acknowledging it: no acknowledgment is sent, and MTTA leaves it out", KlaxonApi.OPERATOR_AUTHOR));
            if (status.getAcknowledgedAt() == null) {
                metrics.resolvedUnacknowledged(incident.getSpec().getSeverity());
            }
        }
        // The moves people watch for get their own reason (kubectl get events --field-selector reason=Resolved).
        String reason = switch (to) {
            case Acknowledged, Resolved, Closed -> to.name();
            default -> "PhaseChanged";
        };
        events.record(incident, EventRecorder.Type.Normal, reason, message);
        return List.of();
    }

    private void recordSeverity(Incident incident, IncidentStatus status, String now) {
        Severity from = status.getSeverity();
        Severity to = incident.getSpec().getSeverity();
        if (from == to) {
            return;
        }
        status.setSeverity(to);
        Optional<ChangeNote> note = ChangeNote.explaining(incident.getMetadata().getAnnotations(), ChangeNote.SEVERITY, String.valueOf(from), to.name());
        String message = from + " -> " + to + note.map(n -> ": " + n.reason()).orElse("");
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "SeverityChanged",
                message + "; SLA targets now those of " + to, note.map(ChangeNote::by).orElse(null)));
        events.record(incident, EventRecorder.Type.Normal, "SeverityChanged", message);
    }

    @Override
    public ErrorStatusUpdateControl<Incident> updateErrorStatus(Incident resource, Context<Incident> context, Exception e) {
        return ready.failed(resource, IncidentStatus::new, e);
    }
}
