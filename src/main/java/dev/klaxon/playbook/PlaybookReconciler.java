package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookStatus;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

@ControllerConfiguration(name = "playbook")
public class PlaybookReconciler implements Reconciler<Playbook> {

    private final ReadyCondition ready;

    public PlaybookReconciler(ReadyCondition ready) {
        this.ready = ready;
    }

    @Override
    public UpdateControl<Playbook> reconcile(Playbook playbook, Context<Playbook> context) {
        PlaybookStatus status = playbook.getStatus() != null ? playbook.getStatus() : new PlaybookStatus();
        status.setStepCount(playbook.getSpec().getSteps().size());
        ready.apply(playbook, status, PlaybookValidator.validate(playbook.getSpec()), ConditionReason.Valid, "playbook is valid");
        playbook.setStatus(status);
        return UpdateControl.patchStatus(playbook);
    }

    @Override
    public ErrorStatusUpdateControl<Playbook> updateErrorStatus(Playbook resource, Context<Playbook> context, Exception e) {
        return ready.failed(resource, PlaybookStatus::new, e);
    }
}
