package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.State;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.Text;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
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

/**
 * Keeps each objective's budget in its status and its burn in incidents. The engine evaluates
 * and wakes this reconciler; it reads the outcome, decides ({@link SloVerdict}) and writes: an
 * incident opened on the way into Ticket or Page (raised to the page's severity when a page
 * follows a ticket), resolved on the way out, and the status when a person would see a change.
 */
@ControllerConfiguration(name = "servicelevelobjective", informer = @Informer(itemStore = LeanItemStore.class))
public class SloReconciler implements Reconciler<ServiceLevelObjective> {

    static final String INCIDENTS = "slo-incidents";

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final KubernetesClient client;
    private final SloEngine engine;
    private final SloIncidents incidents;
    private final OperatorKey key;
    private final Duration statusEvery;
    private final Clock clock;

    public SloReconciler(ReadyCondition ready, EventRecorder events, KubernetesClient client, SloEngine engine, OperatorKey key, KlaxonConfig config,
            Clock clock) {
        this.ready = ready;
        this.clock = clock;
        this.events = events;
        this.client = client;
        this.engine = engine;
        this.incidents = new SloIncidents(client, key);
        this.key = key;
        this.statusEvery = config.evaluation().statusMirrorInterval();
    }

    @Override
    public List<EventSource<?, ServiceLevelObjective>> prepareEventSources(EventSourceContext<ServiceLevelObjective> context) {
        SimpleInboundEventSource<ServiceLevelObjective> evaluated = new SimpleInboundEventSource<>("slo-evaluations");
        // The objectives' incidents that are not final: resolving is level-based (any open one while nothing fires).
        InformerEventSource<Incident, ServiceLevelObjective> open = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Incident.class, ServiceLevelObjective.class)
                        .withName(INCIDENTS)
                        .withItemStore(new LeanItemStore<>())
                        .withLabelSelector(KlaxonApi.LABEL_SLO + "," + KlaxonApi.NOT_FINAL)
                        .withSecondaryToPrimaryMapper((Incident incident) -> Set.of(new ResourceID(
                                incident.getMetadata().getLabels().get(KlaxonApi.LABEL_SLO), incident.getMetadata().getNamespace())))
                        .build(), context);
        engine.bind(context.getPrimaryCache(), evaluated);
        return List.of(evaluated, open);
    }

    @Override
    public UpdateControl<ServiceLevelObjective> reconcile(ServiceLevelObjective slo, Context<ServiceLevelObjective> context) {
        String written = slo.getStatus() == null ? null : client.getKubernetesSerialization().asJson(slo.getStatus());
        ServiceLevelObjectiveStatus status = slo.getStatus() != null ? slo.getStatus() : new ServiceLevelObjectiveStatus();
        slo.setStatus(status);
        ResourceID id = ResourceID.fromResource(slo);
        SloAlerting alerting = SloAlerting.of(slo.getSpec());
        List<Problem> problems = new ArrayList<>(alerting.problems());
        if (slo.getMetadata().getName().length() > 63) {
            problems.add(new Problem(ConditionReason.NameTooLong, "metadata.name: an objective's name is a label value on its incidents, "
                    + "at most 63 characters"));
            engine.unschedule(id);
        } else {
            // A burn-rate alert out of bounds is left out (and said): the others, and the budget, still count.
            engine.schedule(id);
            Optional<SloEngine.Outcome> outcome = engine.outcome(id).filter(o -> o.isOf(slo));
            if (outcome.isEmpty()) {
                // Edited (or new): evaluated again at once. After a restart a Ticket or Page stays until the first
                // fresh verdict, so that it does not count as a new burn (and reopen what a person resolved).
                engine.evaluateSoon(id, slo.getMetadata().getGeneration());
                if (status.getState() == null) {
                    moveTo(status, State.Pending, clock.instant());
                }
            } else {
                outcome.get().problem().ifPresent(problems::add);
                outcome.get().budget().ifPresent(budget -> evaluated(slo, status, alerting, budget, outcome.get(), context));
                // They change once a day, when a day ends (and at once for a new objective or SLI).
                outcome.get().days().ifPresent(days -> {
                    status.setDailySli(days.sli().isEmpty() ? null : days.sli());
                    status.setDailySliThrough(days.through().map(Object::toString).orElse(null));
                    status.setDailySliQueries(days.through().isPresent() ? days.digest() : null);
                });
            }
        }
        ready.apply(slo, status, problems, ConditionReason.Measuring, "evaluated every " + engine.interval().toSeconds() + "s");
        return client.getKubernetesSerialization().asJson(status).equals(written) ? UpdateControl.noUpdate() : UpdateControl.patchStatus(slo);
    }

    private void evaluated(ServiceLevelObjective slo, ServiceLevelObjectiveStatus status, SloAlerting alerting, ErrorBudget budget,
            SloEngine.Outcome outcome, Context<ServiceLevelObjective> context) {
        if (!outcome.fresh()) {
            // Incidents move only on a fresh evaluation: a budget kept on show decides nothing.
            SloStatusFigures.apply(status, budget, alerting, outcome.at(), false, statusEvery);
            return;
        }
        SloVerdict verdict = SloVerdict.of(budget, alerting.alerts());
        if (outcome.partial() && rank(verdict.state()) < rank(status.getState())) {
            // Without the long windows a ticket cannot be told to have ended: only a page may move things then.
            SloStatusFigures.apply(status, budget, alerting, outcome.at(), false, statusEvery);
            return;
        }
        List<Incident> open = context.getSecondaryResources(Incident.class).stream()
                .filter(i -> IncidentProof.isSlos(key, i) && IncidentOpener.isOpen(i)).toList();
        State before = status.getState();
        String why = verdict.firing().map(alert -> SloStatusFigures.firing(alert, budget, slo.getSpec().getWindow(), outcome.at()))
                .orElse(verdict.state() == State.NoData ? "no events in the objective's windows" : null);
        Optional<Double> budgetLeft = SloStatusFigures.percentLeft(budget);
        move(slo, status, verdict, why, open, outcome.at(), budgetLeft);
        boolean changed = before != status.getState();
        // The message has figures too: it changes with them, not on every evaluation.
        if (SloStatusFigures.apply(status, budget, alerting, outcome.at(), changed, statusEvery) || changed) {
            status.setMessage(why == null ? null : Text.cut(why, KlaxonApi.MAX_ITEM));
        }
    }

    /** Into Ticket or Page: the incident opens (or is raised); out of them: it resolves. */
    private void move(ServiceLevelObjective slo, ServiceLevelObjectiveStatus status, SloVerdict verdict, String why, List<Incident> open,
            Instant at, Optional<Double> budgetLeft) {
        String namespace = slo.getMetadata().getNamespace();
        if (verdict.firing().isPresent()) {
            BurnRateAlert alert = verdict.firing().get();
            if (open.isEmpty() && rank(verdict.state()) > rank(status.getState())) {
                // Opened once per burn: an incident a person resolved while the budget still burns stays resolved, until a page follows a ticket.
                // The budget left as this evaluation counts it (a figure in the status may be of the spec before an edit).
                String incident = incidents.open(slo, alert.severity(), title(slo, alert), why, at, budgetLeft);
                status.setIncident(incident);
                events.record(slo, EventRecorder.Type.Warning, EventReason.BudgetBurning, why + "; incident " + incident);
            } else if (!open.isEmpty() && alert.level() == BurnRateAlert.Level.Page) {
                for (Incident incident : open) {
                    if (alert.severity().compareTo(incident.getSpec().getSeverity()) < 0
                            && incidents.raiseSeverity(namespace, incident.getMetadata().getName(), alert.severity(), why)) {
                        events.record(slo, EventRecorder.Type.Warning, EventReason.BudgetBurning, why + "; incident "
                                + incident.getMetadata().getName() + " raised to " + alert.severity());
                    }
                }
            }
        } else {
            for (Incident incident : open) {
                incidents.resolve(namespace, incident.getMetadata().getName(), "no burn-rate alert of the objective fires any more", budgetLeft);
                events.record(slo, EventRecorder.Type.Normal, EventReason.BudgetBurnStopped, "incident " + incident.getMetadata().getName() + " resolved");
            }
            status.setIncident(null);
        }
        moveTo(status, verdict.state(), at);
    }

    private static void moveTo(ServiceLevelObjectiveStatus status, State state, Instant at) {
        if (status.getState() != state) {
            status.setState(state);
            status.setSince(Timestamps.format(at));
        }
    }

    private static int rank(State state) {
        return state == State.Page ? 2 : state == State.Ticket ? 1 : 0;
    }

    private static String title(ServiceLevelObjective slo, BurnRateAlert alert) {
        return slo.getSpec().getService() + ": " + (alert.level() == BurnRateAlert.Level.Page ? "error budget burning fast" : "error budget burning")
                + " (objective " + slo.getMetadata().getName() + ", " + SloAlerting.plain(slo.getSpec().getObjective()) + "% over "
                + slo.getSpec().getWindow() + ")";
    }

    @Override
    public ErrorStatusUpdateControl<ServiceLevelObjective> updateErrorStatus(ServiceLevelObjective slo, Context<ServiceLevelObjective> context,
            Exception e) {
        return ready.failed(slo, ServiceLevelObjectiveStatus::new, e);
    }
}
