package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.Timestamps;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a rule, keeps it scheduled in the {@link AlertEngine} while it is valid, and writes
 * the engine's results (alerts, Prometheus errors, the last evaluation at most once a minute)
 * into status when they change ({@link StatusHeartbeat}).
 */
@ControllerConfiguration(name = "alertrule", informer = @Informer(itemStore = LeanItemStore.class))
public class AlertRuleReconciler implements Reconciler<AlertRule> {

    static final String PLAYBOOK = "playbook-ref";
    static final String INCIDENTS = "rule-incidents";
    private static final String BY_ALERT = "by-alert";

    private final ReadyCondition ready;
    private final AlertEngine engine;
    private final long maxStatusAlertBytes;
    private final Duration statusMirrorInterval;

    public AlertRuleReconciler(ReadyCondition ready, AlertEngine engine, KlaxonConfig config) {
        this.ready = ready;
        this.engine = engine;
        this.maxStatusAlertBytes = config.evaluation().maxStatusAlertBytes().asLongValue();
        this.statusMirrorInterval = config.evaluation().statusMirrorInterval();
    }

    @Override
    public List<EventSource<?, AlertRule>> prepareEventSources(EventSourceContext<AlertRule> context) {
        SimpleInboundEventSource<AlertRule> evaluated = new SimpleInboundEventSource<>("evaluations");
        // The rules' incidents, cached so the engine sees one deleted without a request per alert;
        // their changes wake no rule.
        InformerEventSource<Incident, AlertRule> incidents = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Incident.class, AlertRule.class)
                        .withName(INCIDENTS)
                        // The engine reads names, labels, annotations and the phase: the status stays out.
                        .withItemStore(new LeanItemStore<>(incident -> {
                            incident.setStatus(null);
                            return incident;
                        }))
                        .withLabelSelector(KlaxonApi.LABEL_RULE + "," + KlaxonApi.NOT_FINAL)
                        .withSecondaryToPrimaryMapper(incident -> Set.of())
                        .build(), context);
        incidents.addIndexers(Map.of(BY_ALERT, incident -> {
            Map<String, String> labels = incident.getMetadata().getLabels();
            return labels == null || !labels.containsKey(KlaxonApi.LABEL_FINGERPRINT) ? List.of()
                    : List.of(IncidentWriter.IncidentCache.alertKey(incident.getMetadata().getNamespace(), labels.get(KlaxonApi.LABEL_RULE),
                            labels.get(KlaxonApi.LABEL_FINGERPRINT)));
        }));
        engine.bind(context.getPrimaryCache(), evaluated, new IncidentWriter.IncidentCache() {
            @Override
            public Optional<Incident> get(ResourceID id) {
                return incidents.get(id);
            }

            @Override
            public List<Incident> ofAlert(String namespace, String ruleLabel, String fingerprint) {
                return incidents.byIndex(BY_ALERT, IncidentWriter.IncidentCache.alertKey(namespace, ruleLabel, fingerprint));
            }
        });
        return List.of(evaluated, incidents, ReferenceWatch.of(context, Playbook.class, PLAYBOOK,
                rule -> rule.getSpec().getIncident() != null ? rule.getSpec().getIncident().getPlaybookRef() : null));
    }

    @Override
    public UpdateControl<AlertRule> reconcile(AlertRule rule, Context<AlertRule> context) {
        var stored = StatusHeartbeat.snapshot(rule.getStatus());
        AlertRuleStatus status = rule.getStatus() != null ? rule.getStatus() : new AlertRuleStatus();
        List<Problem> problems = new ArrayList<>(AlertRuleValidator.validate(rule.getSpec(),
                context.getSecondaryResource(Playbook.class, PLAYBOOK)));
        // A missing playbook only stops playbooks from starting; the rule still evaluates.
        boolean evaluable = problems.stream().allMatch(p -> p.reason() == ConditionReason.PlaybookNotFound);
        ResourceID id = ResourceID.fromResource(rule);
        if (evaluable) {
            engine.schedule(rule);
        } else {
            engine.unschedule(id);
        }
        engine.snapshot(id).ifPresent(snapshot -> {
            StatusAlerts.Listed listed = StatusAlerts.of(snapshot.alerts(), maxStatusAlertBytes);
            status.setAlerts(listed.alerts());
            status.setAlertCounts(listed.counts());
            status.setState(RuleRuntime.worst(snapshot.alerts()));
            if (snapshot.lastEvaluation() != null) {
                status.setLastEvaluationTime(Timestamps.format(snapshot.lastEvaluation()));
                status.setLastEvaluationDuration(KlaxonDurations.format(snapshot.lastDuration()));
            }
            if (snapshot.error() != null) {
                problems.add(0, snapshot.error());
            }
        });
        if (status.getState() == null) {
            status.setState(AlertRuleStatus.State.Inactive);
        }
        ready.apply(rule, status, problems, ConditionReason.Evaluating, "evaluated every " + rule.getSpec().getInterval());
        rule.setStatus(status);
        // Most reconciles follow an evaluation that changed nothing a person would look at.
        return StatusHeartbeat.worthWriting(stored, status, statusMirrorInterval) ? UpdateControl.patchStatus(rule) : UpdateControl.noUpdate();
    }

    @Override
    public ErrorStatusUpdateControl<AlertRule> updateErrorStatus(AlertRule resource, Context<AlertRule> context, Exception e) {
        return ready.failed(resource, AlertRuleStatus::new, e);
    }
}
