package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

@ControllerConfiguration(name = "playbookrun")
public class PlaybookRunReconciler implements Reconciler<PlaybookRun> {

    static final String PLAYBOOK = "playbook-ref";
    static final String INCIDENT = "incident-ref";

    private final ReadyCondition ready;

    public PlaybookRunReconciler(ReadyCondition ready) {
        this.ready = ready;
    }

    @Override
    public List<EventSource<?, PlaybookRun>> prepareEventSources(EventSourceContext<PlaybookRun> context) {
        return List.of(
                ReferenceWatch.of(context, Playbook.class, PLAYBOOK, run -> run.getSpec().getPlaybookRef()),
                ReferenceWatch.of(context, Incident.class, INCIDENT, run -> run.getSpec().getIncidentRef()));
    }

    @Override
    public UpdateControl<PlaybookRun> reconcile(PlaybookRun run, Context<PlaybookRun> context) {
        PlaybookRunStatus status = run.getStatus() != null ? run.getStatus() : new PlaybookRunStatus();
        var problems = PlaybookRunValidator.validate(run.getSpec(),
                context.getSecondaryResource(Playbook.class, PLAYBOOK),
                context.getSecondaryResource(Incident.class, INCIDENT));
        if (status.getPhase() == null) {
            status.setPhase(PlaybookRunStatus.Phase.Pending);
        }
        ready.apply(run, status, problems, "ReferencesResolved", "playbook and incident found");
        run.setStatus(status);
        return UpdateControl.patchStatus(run);
    }
}
