package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.HeartbeatStatus;
import dev.klaxon.api.v1alpha1.HeartbeatStatus.State;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.notify.ChannelSecrets;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
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

/**
 * Watches each Heartbeat's signal (its check-in Lease, or its CronJob) and opens an incident when
 * it is overdue, resolving it when the signal is back. Observe, decide ({@link HeartbeatVerdict}),
 * write: the status only when the state, the message or (at most once a period) the last signal
 * changed, and the reconcile comes back at the next deadline by itself.
 */
@ControllerConfiguration(name = "heartbeat")
public class HeartbeatReconciler implements Reconciler<Heartbeat> {

    static final String CRON_JOB = "cronjob-ref";
    static final String CHECK_INS = "check-ins";
    static final String ALERT_SOURCE = "alertsource-ref";
    static final String INCIDENTS = "incidents";
    private static final Duration MIN_PERIOD = Duration.ofSeconds(1);

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final Clock clock;
    private final KubernetesClient client;
    private final ChannelSecrets secrets;
    private final CheckInLeases leases;
    private final HeartbeatIncidents incidents;
    private final HeartbeatMetrics metrics;
    private final OperatorKey key;
    private final boolean receivingCheckIns;
    private final boolean receivingAlerts;

    public HeartbeatReconciler(ReadyCondition ready, EventRecorder events, Clock clock, KubernetesClient client, OperatorKey key,
            KlaxonConfig config, HeartbeatMetrics metrics) {
        this.ready = ready;
        this.events = events;
        this.clock = clock;
        this.client = client;
        this.secrets = new ChannelSecrets(client);
        this.leases = new CheckInLeases(client);
        this.incidents = new HeartbeatIncidents(client, key);
        this.metrics = metrics;
        this.key = key;
        this.receivingCheckIns = config.heartbeats().port() > 0;
        this.receivingAlerts = config.alertmanager().port() > 0;
    }

    @Override
    public List<EventSource<?, Heartbeat>> prepareEventSources(EventSourceContext<Heartbeat> context) {
        // The check-in Leases live in the operator's namespace, one per heartbeat, named by a digest of it.
        InformerEventSource<Lease, Heartbeat> checkIns = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Lease.class, Heartbeat.class)
                        .withName(CHECK_INS)
                        .withNamespaces(Set.of(leases.namespace()))
                        .withFollowControllerNamespacesChanges(false)
                        .withLabelSelector(KlaxonApi.LABEL_HEARTBEAT)
                        .withSecondaryToPrimaryMapper((Lease lease) -> Set.of(new ResourceID(
                                lease.getMetadata().getLabels().get(KlaxonApi.LABEL_HEARTBEAT),
                                lease.getMetadata().getLabels().get(KlaxonApi.LABEL_HEARTBEAT_NAMESPACE))))
                        .withPrimaryToSecondaryMapper((Heartbeat heartbeat) -> Set.of(new ResourceID(
                                CheckInLeases.leaseName(heartbeat.getMetadata().getNamespace(), heartbeat.getMetadata().getName()),
                                leases.namespace())))
                        .build(), context);
        // The heartbeats' incidents that are not final: resolving is level-based (any open one while the signal arrives),
        // so an incident opened just before a crash lost the status write is still resolved.
        InformerEventSource<Incident, Heartbeat> incidents = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Incident.class, Heartbeat.class)
                        .withName(INCIDENTS)
                        .withItemStore(new LeanItemStore<>())
                        .withLabelSelector(KlaxonApi.LABEL_HEARTBEAT + "," + KlaxonApi.NOT_FINAL)
                        .withSecondaryToPrimaryMapper((Incident incident) -> Set.of(new ResourceID(
                                incident.getMetadata().getLabels().get(KlaxonApi.LABEL_HEARTBEAT), incident.getMetadata().getNamespace())))
                        .build(), context);
        return List.of(checkIns, incidents, ReferenceWatch.of(context, CronJob.class, CRON_JOB,
                heartbeat -> heartbeat.getSpec() == null || heartbeat.getSpec().getCronJob() == null ? null : heartbeat.getSpec().getCronJob().getName()),
                ReferenceWatch.of(context, AlertSource.class, ALERT_SOURCE,
                        heartbeat -> heartbeat.getSpec() == null || heartbeat.getSpec().getAlert() == null ? null
                                : heartbeat.getSpec().getAlert().getAlertSourceRef()));
    }

    @Override
    public UpdateControl<Heartbeat> reconcile(Heartbeat heartbeat, Context<Heartbeat> context) {
        String written = heartbeat.getStatus() == null ? null : client.getKubernetesSerialization().asJson(heartbeat.getStatus());
        HeartbeatStatus status = heartbeat.getStatus() != null ? heartbeat.getStatus() : new HeartbeatStatus();
        heartbeat.setStatus(status);
        HeartbeatSpec spec = heartbeat.getSpec();
        if (spec == null) {
            ready.apply(heartbeat, status, List.of(new Problem(ConditionReason.InvalidSchedule, "spec: a Heartbeat needs one (period and a signal)")),
                    ConditionReason.Watching, "");
            return UpdateControl.patchStatus(heartbeat);
        }
        Instant now = clock.instant();
        List<Problem> problems = new ArrayList<>();
        Optional<CronJob> cronJob = context.getSecondaryResource(CronJob.class, CRON_JOB);
        Duration grace = KlaxonDurations.parse(spec.getGrace());
        HeartbeatVerdict verdict = null;
        Optional<Instant> signal = Optional.empty();
        if (heartbeat.getMetadata().getName().length() > 63) {
            problems.add(new Problem(ConditionReason.NameTooLong, "metadata.name: a Heartbeat's name is a label value on its incidents, "
                    + "at most 63 characters"));
        } else if (spec.getCheckIn() != null || spec.getAlert() != null) {
            problems.addAll(spec.getCheckIn() != null ? checkInProblems(heartbeat, status) : alertProblems(heartbeat, context));
            Duration period = KlaxonDurations.parse(spec.getPeriod());
            if (period.compareTo(MIN_PERIOD) < 0) {
                problems.add(new Problem(ConditionReason.InvalidSchedule, "spec.period: at least 1s"));
            }
            // A Lease older than this Heartbeat is a deleted namesake's, not yet swept.
            signal = context.getSecondaryResource(Lease.class, CHECK_INS).flatMap(CheckInLeases::lastCheckIn)
                    .filter(at -> !at.isBefore(created(heartbeat)));
            if (problems.isEmpty()) {
                verdict = HeartbeatVerdict.ofSignal(spec.getCheckIn() != null ? "check-in" : spec.getAlert().getAlertname() + " alert",
                        signal, created(heartbeat), period, grace, now);
            }
        } else if (cronJob.isEmpty()) {
            problems.add(new Problem(ConditionReason.CronJobNotFound, "spec.cronJob.name: CronJob " + spec.getCronJob().getName()
                    + " is not in this namespace"));
        } else {
            signal = CronJobRuns.lastSuccess(cronJob.get());
            try {
                verdict = CronJobRuns.verdict(client, cronJob.get(), created(heartbeat), grace, now);
            } catch (CronSchedule.Invalid e) {
                problems.add(new Problem(ConditionReason.InvalidSchedule, "CronJob " + spec.getCronJob().getName() + ": " + e.getMessage()));
            }
        }
        signal.ifPresent(at -> metrics.signalled(heartbeat, at));
        if (verdict != null) {
            List<Incident> open = context.getSecondaryResources(Incident.class).stream()
                    .filter(i -> IncidentProof.isHeartbeats(key, i) && IncidentOpener.isOpen(i)).toList();
            boolean moved = move(heartbeat, status, verdict, open, now);
            recordSignal(status, signal, spec, moved);
        }
        ready.apply(heartbeat, status, problems, ConditionReason.Watching, spec.getCheckIn() != null
                ? "check-ins to " + status.getCheckInPath() + " with the token" : spec.getAlert() != null ? "the alert "
                + spec.getAlert().getAlertname() + " through AlertSource " + spec.getAlert().getAlertSourceRef()
                : "the runs of CronJob " + spec.getCronJob().getName());
        UpdateControl<Heartbeat> update = client.getKubernetesSerialization().asJson(status).equals(written)
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(heartbeat);
        if (verdict != null) {
            verdict.recheckAt().ifPresent(at -> update.rescheduleAfter(Duration.between(now, at).plusSeconds(1)));
        } else {
            // Secrets are not watched (the operator may not list them): look again for a missing one.
            update.rescheduleAfter(Duration.ofMinutes(1));
        }
        return update;
    }

    private List<Problem> checkInProblems(Heartbeat heartbeat, HeartbeatStatus status) {
        String namespace = heartbeat.getMetadata().getNamespace();
        status.setCheckInPath("/heartbeats/" + namespace + "/" + heartbeat.getMetadata().getName());
        List<Problem> problems = new ArrayList<>();
        ChannelSecrets.Token token = secrets.token(namespace, heartbeat.getSpec().getCheckIn().getTokenSecretRef(), ChannelSecrets.HEARTBEAT_TOKEN_TYPE);
        token.problem().ifPresent(problem -> problems.add(new Problem(token.found() ? ConditionReason.TokenNotForThisNamespace
                : ConditionReason.SecretNotFound, "spec.checkIn.tokenSecretRef: " + problem + "; every check-in is refused (401) until it is")));
        if (!receivingCheckIns) {
            problems.add(new Problem(ConditionReason.ReceiverOff, "the operator takes no check-ins (klaxon.heartbeats.port is 0; the "
                    + "chart's heartbeats.enabled turns it on)"));
        }
        return problems;
    }

    private List<Problem> alertProblems(Heartbeat heartbeat, Context<Heartbeat> context) {
        List<Problem> problems = new ArrayList<>();
        if (context.getSecondaryResource(AlertSource.class, ALERT_SOURCE).isEmpty()) {
            problems.add(new Problem(ConditionReason.AlertSourceNotFound, "spec.alert.alertSourceRef: AlertSource "
                    + heartbeat.getSpec().getAlert().getAlertSourceRef() + " is not in this namespace"));
        }
        if (!receivingAlerts) {
            problems.add(new Problem(ConditionReason.ReceiverOff, "the operator serves no Alertmanager receiver (klaxon.alertmanager.port is 0)"));
        }
        return problems;
    }

    /** Into Missed: the incident opens (or the open one is found again after a crash); out of it: it resolves. */
    private boolean move(Heartbeat heartbeat, HeartbeatStatus status, HeartbeatVerdict verdict, List<Incident> open, Instant now) {
        String namespace = heartbeat.getMetadata().getNamespace();
        if (verdict.state() == State.Missed && status.getState() != State.Missed) {
            // Opened once per miss (an incident a person resolved while the signal is still missing stays resolved);
            // after a crash between the opening and the status write, the open one is adopted, not doubled.
            String incident = incidents.open(heartbeat, verdict.message(), now);
            status.setIncident(incident);
            events.record(heartbeat, EventRecorder.Type.Warning, EventReason.HeartbeatMissed, verdict.message() + "; incident " + incident);
        } else if (verdict.state() != State.Missed) {
            for (Incident incident : open) {
                incidents.resolve(namespace, incident.getMetadata().getName(), "the heartbeat's signal is back");
                events.record(heartbeat, EventRecorder.Type.Normal, EventReason.HeartbeatResumed, "the signal is back; incident "
                        + incident.getMetadata().getName() + " resolved");
            }
            status.setIncident(null);
        }
        status.setMessage(verdict.message().isEmpty() ? null : verdict.message());
        if (verdict.state() == status.getState()) {
            return false;
        }
        status.setState(verdict.state());
        status.setSince(Timestamps.format(now));
        return true;
    }

    /** The last signal in the status: when the state changed, and otherwise at most once a period (check-ins may come every second). */
    private static void recordSignal(HeartbeatStatus status, Optional<Instant> signal, HeartbeatSpec spec, boolean moved) {
        if (signal.isEmpty()) {
            return;
        }
        Optional<Instant> recorded = Optional.ofNullable(status.getLastSignalAt()).flatMap(Timestamps::parseWritten);
        Duration every = spec.getPeriod() == null ? Duration.ZERO : KlaxonDurations.parse(spec.getPeriod());
        if (moved || recorded.isEmpty() || !signal.get().isBefore(recorded.get().plus(every))) {
            status.setLastSignalAt(Timestamps.format(signal.get()));
        }
    }

    private static Instant created(Heartbeat heartbeat) {
        return Timestamps.parse(heartbeat.getMetadata().getCreationTimestamp());
    }

    @Override
    public ErrorStatusUpdateControl<Heartbeat> updateErrorStatus(Heartbeat heartbeat, Context<Heartbeat> context, Exception e) {
        return ready.failed(heartbeat, HeartbeatStatus::new, e);
    }
}
