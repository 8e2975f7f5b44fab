package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.List;

@ControllerConfiguration(name = "incident")
public class IncidentReconciler implements Reconciler<Incident> {

    private final ReadyCondition ready;
    private final Clock clock;

    public IncidentReconciler(ReadyCondition ready, Clock clock) {
        this.ready = ready;
        this.clock = clock;
    }

    @Override
    public UpdateControl<Incident> reconcile(Incident incident, Context<Incident> context) {
        IncidentStatus status = incident.getStatus() != null ? incident.getStatus() : new IncidentStatus();
        if (status.getDetectedAt() == null) {
            String created = incident.getMetadata().getCreationTimestamp();
            status.setDetectedAt(created != null ? created : Timestamps.format(clock.instant()));
        }
        IncidentPhase requested = incident.getSpec().getPhase();
        List<Problem> problems = List.of();
        if (status.getPhase() == null) {
            status.setPhase(requested);
        } else if (PhaseTransitions.isAllowed(status.getPhase(), requested)) {
            status.setPhase(requested);
        } else {
            problems = List.of(new Problem("IllegalPhaseTransition", "spec.phase: " + status.getPhase() + " -> " + requested
                    + " is not allowed; the incident stays " + status.getPhase()));
        }
        ready.apply(incident, status, problems, "PhaseAccepted", "phase " + status.getPhase());
        incident.setStatus(status);
        return UpdateControl.patchStatus(incident);
    }
}
