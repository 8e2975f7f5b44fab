package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

@ControllerConfiguration(name = "alertrule")
public class AlertRuleReconciler implements Reconciler<AlertRule> {

    static final String PLAYBOOK = "playbook-ref";

    private final ReadyCondition ready;

    public AlertRuleReconciler(ReadyCondition ready) {
        this.ready = ready;
    }

    @Override
    public List<EventSource<?, AlertRule>> prepareEventSources(EventSourceContext<AlertRule> context) {
        return List.of(ReferenceWatch.of(context, Playbook.class, PLAYBOOK,
                rule -> rule.getSpec().getIncident() != null ? rule.getSpec().getIncident().getPlaybookRef() : null));
    }

    @Override
    public UpdateControl<AlertRule> reconcile(AlertRule rule, Context<AlertRule> context) {
        AlertRuleStatus status = rule.getStatus() != null ? rule.getStatus() : new AlertRuleStatus();
        if (status.getState() == null) {
            status.setState(AlertRuleStatus.State.Inactive);
        }
        var problems = AlertRuleValidator.validate(rule.getSpec(), context.getSecondaryResource(Playbook.class, PLAYBOOK));
        ready.apply(rule, status, problems, "Valid", "rule is valid");
        rule.setStatus(status);
        return UpdateControl.patchStatus(rule);
    }
}
