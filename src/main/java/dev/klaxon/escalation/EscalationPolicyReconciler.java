package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicyStatus;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/** Reports an EscalationPolicy ready; the incidents that use it do the paging. */
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
        ready.apply(policy, status, List.of(), ConditionReason.Valid, "policy with " + status.getLevelCount() + " levels");
        policy.setStatus(status);
        return UpdateControl.patchStatus(policy);
    }

    @Override
    public ErrorStatusUpdateControl<EscalationPolicy> updateErrorStatus(EscalationPolicy resource, Context<EscalationPolicy> context, Exception e) {
        return ready.failed(resource, EscalationPolicyStatus::new, e);
    }
}
