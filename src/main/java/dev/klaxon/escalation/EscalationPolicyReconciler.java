package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicyStatus;
import dev.klaxon.api.v1alpha1.SupportHours;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reports an EscalationPolicy ready (or why its support hours cannot hold); the incidents that use it do the paging. */
@ControllerConfiguration(name = "escalationpolicy")
public class EscalationPolicyReconciler implements Reconciler<EscalationPolicy> {

    private final ReadyCondition ready;

    public EscalationPolicyReconciler(ReadyCondition ready) {
        this.ready = ready;
    }

    @Override
    public UpdateControl<EscalationPolicy> reconcile(EscalationPolicy policy, Context<EscalationPolicy> context) {
        EscalationPolicyStatus status = policy.getStatus() != null ? policy.getStatus() : new EscalationPolicyStatus();
        status.setLevelCount(policy.getSpec().getLevels().size());
        List<Problem> problems = new ArrayList<>();
        SupportHours hours = policy.getSpec().getSupportHours();
        if (hours != null) {
            try {
                ZoneId.of(hours.getTimeZone());
            } catch (DateTimeException e) {
                problems.add(new Problem(ConditionReason.InvalidSchedule, "spec.supportHours.timeZone " + hours.getTimeZone()
                        + " is not an IANA time zone (e.g. Europe/Berlin): every incident pages at once until it is"));
            }
        }
        ready.apply(policy, status, problems, ConditionReason.Valid, "policy with " + status.getLevelCount() + " levels"
                + (hours != null ? ", support hours in " + hours.getTimeZone() + " for " + hours.getSeverities() : ""));
        policy.setStatus(status);
        return UpdateControl.patchStatus(policy);
    }

    @Override
    public ErrorStatusUpdateControl<EscalationPolicy> updateErrorStatus(EscalationPolicy resource, Context<EscalationPolicy> context, Exception e) {
        return ready.failed(resource, EscalationPolicyStatus::new, e);
    }
}
