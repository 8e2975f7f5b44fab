package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.OpenWork;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.RunSeal;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.prometheus.PrometheusClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs a playbook: freezes it into the run's status when the run starts, then observes the step
 * Jobs, lets {@link RunSequencer} decide the next move and carries it out (Jobs from
 * {@link StepJobFactory}). Every move becomes an Event here and a timeline entry in the incident.
 */
@ControllerConfiguration(name = "playbookrun", informer = @Informer(itemStore = LeanItemStore.class, labelSelector = KlaxonApi.NOT_FINAL))
public class PlaybookRunReconciler implements Reconciler<PlaybookRun> {

    private static final Logger LOG = Logger.getLogger(PlaybookRunReconciler.class);
    static final String PLAYBOOK = "playbook-ref";
    static final String INCIDENT = "incident-ref";
    static final String JOBS = "step-jobs";
    static final String PODS = "step-pods";
    private static final Set<String> WARNING_PHASES = Set.of(StepStatus.Phase.Failed.name(), StepStatus.Phase.RollingBack.name(),
            StepStatus.Phase.RolledBack.name(), StepStatus.Phase.Cancelled.name());

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final Clock clock;
    private final KubernetesClient client;
    private final VerificationCheck verification;
    private final PlaybookMetrics metrics;
    private final OperatorKey key;
    private final StepJobs stepJobs;
    private final ApprovalPolicyProbe policyProbe;
    private final boolean serviceAccountApprovers;
    private final OpenWork openWork;

    public PlaybookRunReconciler(ReadyCondition ready, EventRecorder events, Clock clock, KubernetesClient client,
            PrometheusClient prometheus, PlaybookMetrics metrics, OperatorKey key, KlaxonConfig config, OpenWork openWork) {
        this.openWork = openWork;
        this.ready = ready;
        this.events = events;
        this.clock = clock;
        this.client = client;
        this.verification = new VerificationCheck(prometheus);
        this.metrics = metrics;
        this.key = key;
        this.stepJobs = new StepJobs(client, clock, new StepJobFactory(stepDefaults(config.playbooks())), key);
        this.policyProbe = new ApprovalPolicyProbe(client, clock);
        this.serviceAccountApprovers = config.playbooks().serviceAccountApprovers();
    }

    private static StepJobFactory.Defaults stepDefaults(KlaxonConfig.Playbooks config) {
        Quantity memory = new Quantity(config.defaultMemory());
        return new StepJobFactory.Defaults(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(config.defaultCpuRequest())).addToRequests("memory", memory)
                .addToLimits("cpu", new Quantity(config.defaultCpuLimit())).addToLimits("memory", memory).build(),
                config.finishedJobTtl());
    }

    @Override
    public List<EventSource<?, PlaybookRun>> prepareEventSources(EventSourceContext<PlaybookRun> context) {
        // Only Jobs the operator made: the label keeps the informer away from every other Job.
        InformerEventSource<Job, PlaybookRun> jobs = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Job.class, PlaybookRun.class)
                        .withName(JOBS)
                        .withItemStore(new LeanItemStore<>())
                        .withLabelSelector(KlaxonApi.LABEL_PLAYBOOK_RUN)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PlaybookRun.class, false))
                        .build(), context);
        // Their pods, to see a pod that can never start (a missing image) long before the step's timeout;
        // a pod that has finished says nothing its Job does not, so finished pods are not cached.
        InformerEventSource<Pod, PlaybookRun> pods = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, PlaybookRun.class)
                        .withName(PODS)
                        .withItemStore(new LeanItemStore<>())
                        .withLabelSelector(KlaxonApi.LABEL_PLAYBOOK_RUN)
                        .withFieldSelector(new FieldSelector(new FieldSelector.Field("status.phase", "Succeeded", true),
                                new FieldSelector.Field("status.phase", "Failed", true)))
                        .withSecondaryToPrimaryMapper((Pod pod) -> {
                            String run = pod.getMetadata().getAnnotations() == null ? null
                                    : pod.getMetadata().getAnnotations().get(KlaxonApi.LABEL_PLAYBOOK_RUN);
                            return run == null ? Set.of() : Set.of(new ResourceID(run, pod.getMetadata().getNamespace()));
                        })
                        .build(), context);
        return List.of(
                ReferenceWatch.of(context, Playbook.class, PLAYBOOK, run -> run.getSpec().getPlaybookRef()),
                ReferenceWatch.of(context, Incident.class, INCIDENT, run -> run.getSpec().getIncidentRef()),
                jobs, pods);
    }

    /** How often a run that waits for an approval is checked against its seal. */
    static final java.time.Duration TAMPER_CHECK = java.time.Duration.ofSeconds(20);

    @Override
    public UpdateControl<PlaybookRun> reconcile(PlaybookRun run, Context<PlaybookRun> context) {
        // The status as written, so a reconcile that changes nothing writes nothing.
        String written = run.getStatus() == null ? null : client.getKubernetesSerialization().asJson(run.getStatus());
        PlaybookRunStatus status = run.getStatus() != null ? run.getStatus() : new PlaybookRunStatus();
        run.setStatus(status);
        if (status.getSeal() == null && status.getPhase() != null && status.getPhase().isFinal()) {
            // Finished before runs were sealed (an upgrade): there is nothing left to run or protect.
            return settled(run, context);
        }
        if (!RunSeal.holds(key, run.getMetadata().getUid(), status)) {
            // Someone other than the operator changed what this run executes or records: do nothing
            // it says (not even cancel, whose Jobs it names), and keep the old seal so it stays refused.
            ready.apply(run, status, List.of(new Problem(ConditionReason.StatusTampered, "the status of this run was changed by someone other than "
                    + "the operator (it no longer matches the operator's seal), so the run is stopped: nothing more of it runs. "
                    + "Delete the run (its Jobs go with it) and start a new one")), ConditionReason.Started, "");
            return StatusPatch.applyAndCache(run, context);
        }
        if (status.getPhase() != null && status.getPhase().isFinal()) {
            return settled(run, context);
        }
        Instant now = clock.instant();
        Optional<Incident> incident = context.getSecondaryResource(Incident.class, INCIDENT);
        int recorded = status.getTransitions().size();
        if (status.getPlaybook() == null && Boolean.TRUE.equals(run.getSpec().getCancel())) {
            status.setPhase(PlaybookRunStatus.Phase.Cancelled);
            status.setFinishedAt(Timestamps.format(now));
            status.getTransitions().add(new RunTransition(Timestamps.format(now), null, PlaybookRunStatus.Phase.Cancelled.name(),
                    "cancelled before it started (spec.cancel)", KlaxonApi.OPERATOR_AUTHOR));
            publish(run, status.getTransitions().subList(recorded, status.getTransitions().size()));
            ready.apply(run, status, List.of(), ConditionReason.Started, "cancelled before it started");
            return sealAndWrite(run, context, written);
        }
        if (status.getPlaybook() == null) {
            Optional<Playbook> playbook = context.getSecondaryResource(Playbook.class, PLAYBOOK);
            List<Problem> problems = PlaybookRunValidator.validate(run.getSpec(), playbook, incident);
            if (!problems.isEmpty()) {
                status.setPhase(PlaybookRunStatus.Phase.Pending);
                ready.apply(run, status, problems, ConditionReason.Started, "");
                return sealAndWrite(run, context, written);
            }
            PlaybookSpec snapshot = client.getKubernetesSerialization().clone(playbook.get().getSpec());
            RunSequencer.start(status, snapshot, run.getSpec().getPlaybookRef(), playbook.get().getMetadata().getGeneration(),
                    run.getSpec().getRequestedBy(), run.getSpec().getApprovals() == null ? List.of() : run.getSpec().getApprovals(), now);
        }

        Map<String, RunSequencer.JobState> jobs = stepJobs.observe(run, context.getSecondaryResources(Job.class),
                context.getSecondaryResources(Pod.class));
        RunSequencer.Approvals approvals = approvals(run);
        RunSequencer.Result result = RunSequencer.advance(run.getMetadata().getName(), run.getSpec(), status,
                new RunSequencer.Observed(jobs, verify(run.getMetadata().getNamespace(), status, now), approvals), now);
        List<RunSequencer.Warning> warnings = new ArrayList<>(result.warnings());
        // A Job the API server refuses (say, a malformed image name) fails its step (without a
        // rollback: it never ran), and a rollback Job may be refused too: decide again with that outcome.
        for (int pass = 0; pass <= 2 * status.getSteps().size(); pass++) {
            Map<String, String> rejected = stepJobs.carryOut(run, result.actions(), incident);
            if (rejected.isEmpty()) {
                break;
            }
            rejected.forEach((name, why) -> jobs.put(name, RunSequencer.JobState.notCreated(why)));
            result = RunSequencer.advance(run.getMetadata().getName(), run.getSpec(), status,
                    new RunSequencer.Observed(jobs, Optional.empty(), approvals), now);
            warnings.addAll(result.warnings());
        }
        warnings.forEach(w -> events.record(run, EventRecorder.Type.Warning, w.reason(), w.message()));
        publish(run, status.getTransitions().subList(recorded, status.getTransitions().size()));

        long done = status.getSteps().stream().filter(s -> s.getPhase().isFinal()).count();
        status.setProgress(done + "/" + status.getSteps().size());
        List<Problem> problems = new ArrayList<>(PlaybookRunValidator.validateApprovals(run.getSpec(), status.getPlaybook()));
        if (status.getPhase() == PlaybookRunStatus.Phase.WaitingForApproval) {
            approvals.notEnforced().ifPresent(why -> problems.add(0, new Problem(ConditionReason.ApprovalPolicyNotEnforced,
                    "no approval counts for this run: " + why)));
        }
        ready.apply(run, status, problems, ConditionReason.Started,
                "running playbook " + run.getSpec().getPlaybookRef() + " as of generation " + status.getPlaybookGeneration());
        // Jobs were just created: the next reconcile must see that, even before the informer does.
        UpdateControl<PlaybookRun> update = sealAndWrite(run, context, written);
        result.recheckAfter().ifPresent(update::rescheduleAfter);
        if (status.getPhase() == PlaybookRunStatus.Phase.WaitingForApproval && approvals.notEnforced().isPresent()) {
            // Ask again once the answer is stale: the policy may have been installed since.
            update.rescheduleAfter(ApprovalPolicyProbe.KEEP);
        }
        if (status.getPhase() == PlaybookRunStatus.Phase.WaitingForApproval) {
            // A run waiting on people has no Job to wake it, and a change of status alone does not wake the
            // controller: look again now and then, so a status someone else rewrote meanwhile is caught.
            long check = TAMPER_CHECK.toMillis();
            update.rescheduleAfter(update.getScheduleDelay().map(delay -> Math.min(delay, check)).orElse(check));
        }
        if (status.getPhase() != null && status.getPhase().isFinal() && !hasOpenIncident(run, context)) {
            // Look again once the grace has passed, to mark it final (its own status change wakes nothing).
            openWork.settle(run, true).ifPresent(update::rescheduleAfter);
        }
        return update;
    }

    /**
     * A finished run can no longer change: it becomes final once the grace has passed (see
     * OpenWork). The run of an open incident is marked by the incident, once every move of it is
     * in the incident's timeline; a run without one (or whose incident is final or gone) here.
     */
    private UpdateControl<PlaybookRun> settled(PlaybookRun run, Context<PlaybookRun> context) {
        UpdateControl<PlaybookRun> update = UpdateControl.noUpdate();
        if (!hasOpenIncident(run, context)) {
            openWork.settle(run, true).ifPresent(update::rescheduleAfter);
        }
        return update;
    }

    private static boolean hasOpenIncident(PlaybookRun run, Context<PlaybookRun> context) {
        return run.getSpec().getIncidentRef() != null && context.getSecondaryResource(Incident.class, INCIDENT).isPresent();
    }

    /** How approvals of this run are judged; the policy is probed only while a gated step lies ahead. */
    private RunSequencer.Approvals approvals(PlaybookRun run) {
        PlaybookRunStatus status = run.getStatus();
        boolean gatedAhead = false;
        for (int i = 0; i < status.getSteps().size(); i++) {
            gatedAhead |= !status.getSteps().get(i).getPhase().isFinal()
                    && Boolean.TRUE.equals(status.getPlaybook().getSteps().get(i).getRequiresApproval());
        }
        return new RunSequencer.Approvals(gatedAhead ? policyProbe.notEnforced(run) : Optional.empty(),
                new ApproverAuthority(client, run.getMetadata().getNamespace(), serviceAccountApprovers));
    }

    /** Seals what the run now executes and records (see {@link RunSeal}) and writes the status, unless it is as {@code written}. */
    private UpdateControl<PlaybookRun> sealAndWrite(PlaybookRun run, Context<PlaybookRun> context, String written) {
        run.getStatus().setSeal(RunSeal.of(key, run.getMetadata().getUid(), run.getStatus()));
        if (client.getKubernetesSerialization().asJson(run.getStatus()).equals(written)) {
            return UpdateControl.noUpdate();
        }
        return StatusPatch.applyAndCache(run, context);
    }

    private Optional<RunSequencer.VerificationResult> verify(String namespace, PlaybookRunStatus status, Instant now) {
        int current = RunSequencer.current(status);
        if (current < 0 || status.getSteps().get(current).getPhase() != StepStatus.Phase.Verifying) {
            return Optional.empty();
        }
        return Optional.of(verification.check(namespace, status.getPlaybook().getSteps().get(current).getVerification(), now));
    }

    /** Events and metrics for the moves just made; the incident reconciler copies them to the timeline. */
    private void publish(PlaybookRun run, List<RunTransition> moves) {
        String playbook = run.getSpec().getPlaybookRef();
        for (RunTransition move : moves) {
            boolean warning = WARNING_PHASES.contains(move.getPhase());
            EventReason reason = move.getStep() != null ? EventReason.ofStep(StepStatus.Phase.valueOf(move.getPhase()))
                    : EventReason.ofRun(PlaybookRunStatus.Phase.valueOf(move.getPhase()));
            String message = (move.getStep() != null ? "step " + move.getStep() + ": " : "") + move.getMessage();
            events.record(run, warning ? EventRecorder.Type.Warning : EventRecorder.Type.Normal, reason, message);
            LOG.infof("PlaybookRun %s/%s: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), message);
            if (move.getStep() == null) {
                continue;
            }
            StepStatus.Phase phase = StepStatus.Phase.valueOf(move.getPhase());
            if (phase.isFinal()) {
                metrics.stepFinished(playbook, phase.name());
            }
            StepStatus step = run.getStatus().getSteps().stream().filter(s -> s.getName().equals(move.getStep())).findFirst().orElseThrow();
            if (phase == StepStatus.Phase.Running && step.getApprovedBy() != null && step.getWaitingSince() != null) {
                metrics.approvalWaited(playbook, Duration.between(Timestamps.parse(step.getWaitingSince()),
                        Timestamps.parse(move.getTime())).toMillis() / 1000.0);
            }
        }
    }

    @Override
    public ErrorStatusUpdateControl<PlaybookRun> updateErrorStatus(PlaybookRun resource, Context<PlaybookRun> context, Exception e) {
        return ready.failed(resource, PlaybookRunStatus::new, e);
    }
}
