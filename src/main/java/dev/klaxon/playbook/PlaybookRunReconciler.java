package dev.klaxon.playbook;

import dev.klaxon.alerting.PrometheusClient;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs a playbook: freezes it into the run's status when the run starts, then observes the step
 * Jobs, lets {@link RunSequencer} decide the next move and carries it out (Jobs from
 * {@link StepJobFactory}). Every move becomes an Event here and a timeline entry in the incident.
 */
@ControllerConfiguration(name = "playbookrun")
public class PlaybookRunReconciler implements Reconciler<PlaybookRun> {

    private static final Logger LOG = Logger.getLogger(PlaybookRunReconciler.class);
    static final String PLAYBOOK = "playbook-ref";
    static final String INCIDENT = "incident-ref";
    static final String JOBS = "step-jobs";
    static final String PODS = "step-pods";
    /** The label the Job controller puts on a Job's pods. */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    private static final Set<String> WARNING_PHASES = Set.of(StepStatus.Phase.Failed.name(), StepStatus.Phase.RollingBack.name(),
            StepStatus.Phase.RolledBack.name(), StepStatus.Phase.Cancelled.name());

    private final ReadyCondition ready;
    private final EventRecorder events;
    private final Clock clock;
    private final KubernetesClient client;
    private final VerificationCheck verification;
    private final PlaybookMetrics metrics;

    public PlaybookRunReconciler(ReadyCondition ready, EventRecorder events, Clock clock, KubernetesClient client,
            PrometheusClient prometheus, PlaybookMetrics metrics) {
        this.ready = ready;
        this.events = events;
        this.clock = clock;
        this.client = client;
        this.verification = new VerificationCheck(prometheus);
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, PlaybookRun>> prepareEventSources(EventSourceContext<PlaybookRun> context) {
        // Only Jobs the operator made: the label keeps the informer away from every other Job.
        InformerEventSource<Job, PlaybookRun> jobs = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Job.class, PlaybookRun.class)
                        .withName(JOBS)
                        .withLabelSelector(KlaxonApi.LABEL_PLAYBOOK_RUN)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PlaybookRun.class, false))
                        .build(), context);
        // Their pods, to see a pod that can never start (a missing image) long before the step's timeout.
        InformerEventSource<Pod, PlaybookRun> pods = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, PlaybookRun.class)
                        .withName(PODS)
                        .withLabelSelector(KlaxonApi.LABEL_PLAYBOOK_RUN)
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

    @Override
    public UpdateControl<PlaybookRun> reconcile(PlaybookRun run, Context<PlaybookRun> context) {
        PlaybookRunStatus status = run.getStatus() != null ? run.getStatus() : new PlaybookRunStatus();
        run.setStatus(status);
        if (status.getPhase() != null && status.getPhase().isFinal()) {
            return UpdateControl.noUpdate();
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
            ready.apply(run, status, List.of(), "Started", "cancelled before it started");
            return StatusPatch.applyAndCache(run, context);
        }
        if (status.getPlaybook() == null) {
            Optional<Playbook> playbook = context.getSecondaryResource(Playbook.class, PLAYBOOK);
            List<Problem> problems = PlaybookRunValidator.validate(run.getSpec(), playbook, incident);
            if (!problems.isEmpty()) {
                status.setPhase(PlaybookRunStatus.Phase.Pending);
                ready.apply(run, status, problems, "Started", "");
                return StatusPatch.applyAndCache(run, context);
            }
            PlaybookSpec snapshot = client.getKubernetesSerialization().clone(playbook.get().getSpec());
            RunSequencer.start(status, snapshot, run.getSpec().getPlaybookRef(), playbook.get().getMetadata().getGeneration(),
                    run.getSpec().getRequestedBy(), now);
        }

        Map<String, RunSequencer.JobState> jobs = observeJobs(run, context);
        RunSequencer.Result result = RunSequencer.advance(run.getMetadata().getName(), run.getSpec(), status,
                new RunSequencer.Observed(jobs, verify(status, now)), now);
        List<RunSequencer.Warning> warnings = new ArrayList<>(result.warnings());
        // A Job the API server refuses (say, a malformed image name) fails its step (without a
        // rollback: it never ran), and a rollback Job may be refused too: decide again with that outcome.
        for (int pass = 0; pass <= 2 * status.getSteps().size(); pass++) {
            Map<String, String> rejected = carryOut(run, result.actions(), incident);
            if (rejected.isEmpty()) {
                break;
            }
            rejected.forEach((name, why) -> jobs.put(name, RunSequencer.JobState.notCreated(why)));
            result = RunSequencer.advance(run.getMetadata().getName(), run.getSpec(), status,
                    new RunSequencer.Observed(jobs, Optional.empty()), now);
            warnings.addAll(result.warnings());
        }
        warnings.forEach(w -> events.record(run, EventRecorder.Type.Warning, w.reason(), w.message()));
        publish(run, status.getTransitions().subList(recorded, status.getTransitions().size()));

        long done = status.getSteps().stream().filter(s -> s.getPhase().isFinal()).count();
        status.setProgress(done + "/" + status.getSteps().size());
        ready.apply(run, status, PlaybookRunValidator.validateApprovals(run.getSpec(), status.getPlaybook()), "Started",
                "running playbook " + run.getSpec().getPlaybookRef() + " as of generation " + status.getPlaybookGeneration());
        // Jobs were just created: the next reconcile must see that, even before the informer does.
        UpdateControl<PlaybookRun> update = StatusPatch.applyAndCache(run, context);
        result.recheckAfter().ifPresent(update::rescheduleAfter);
        return update;
    }

    /** The Jobs the status names as running, from the informer, or from the API when the cache has not seen our create yet. */
    private Map<String, RunSequencer.JobState> observeJobs(PlaybookRun run, Context<PlaybookRun> context) {
        Map<String, Job> cached = context.getSecondaryResources(Job.class).stream()
                .collect(Collectors.toMap(job -> job.getMetadata().getName(), Function.identity(), (a, b) -> a));
        Map<String, List<Pod>> pods = context.getSecondaryResources(Pod.class).stream()
                .filter(pod -> pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().containsKey(JOB_NAME_LABEL))
                .collect(Collectors.groupingBy(pod -> pod.getMetadata().getLabels().get(JOB_NAME_LABEL)));
        Map<String, RunSequencer.JobState> jobs = new HashMap<>();
        for (StepStatus step : run.getStatus().getSteps()) {
            String name = switch (step.getPhase()) {
                case Running -> step.getJob();
                case RollingBack -> step.getRollbackJob();
                default -> null;
            };
            if (name != null) {
                Job job = cached.get(name);
                if (job == null) {
                    job = client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(name).get();
                }
                jobs.put(name, job == null ? RunSequencer.JobState.MISSING : withPods(JobStates.of(job), job, pods));
            }
        }
        return jobs;
    }

    /**
     * A Job still running whose pod can never start is stuck: its step fails now, not at its
     * timeout. Only the Job's own pods count (owned by its UID): anyone may label a pod.
     */
    private RunSequencer.JobState withPods(RunSequencer.JobState state, Job job, Map<String, List<Pod>> pods) {
        if (state.outcome() != RunSequencer.JobState.Outcome.RUNNING) {
            return state;
        }
        List<Pod> own = pods.getOrDefault(job.getMetadata().getName(), List.of()).stream()
                .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> job.getMetadata().getUid().equals(o.getUid())))
                .toList();
        return StepPods.cannotStart(own, clock.instant()).map(RunSequencer.JobState::stuck).orElse(state);
    }

    private Optional<RunSequencer.VerificationResult> verify(PlaybookRunStatus status, Instant now) {
        int current = RunSequencer.current(status);
        if (current < 0 || status.getSteps().get(current).getPhase() != StepStatus.Phase.Verifying) {
            return Optional.empty();
        }
        return Optional.of(verification.check(status.getPlaybook().getSteps().get(current).getVerification(), now));
    }

    /** Creates and deletes Jobs; returns the Jobs the API server refused, with why. */
    private Map<String, String> carryOut(PlaybookRun run, List<RunSequencer.Action> actions, Optional<Incident> incident) {
        Map<String, String> rejected = new HashMap<>();
        String namespace = run.getMetadata().getNamespace();
        for (RunSequencer.Action action : actions) {
            if (action instanceof RunSequencer.CreateJob create) {
                Job job = StepJobFactory.build(run, create.step(), create.role(), create.name(), incident);
                String account = job.getSpec().getTemplate().getSpec().getServiceAccountName();
                Optional<String> refused = refusedServiceAccount(namespace, account);
                if (refused.isPresent()) {
                    rejected.put(create.name(), refused.get());
                    continue;
                }
                try {
                    client.resource(job).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        // Created before a restart that lost the status write: adopt it if it is ours.
                        Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(create.name()).get();
                        if (existing == null || !isFor(existing, run, job)) {
                            rejected.put(create.name(), "a Job named " + create.name() + " already exists and does not belong to this run");
                        }
                    } else if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 429) {
                        rejected.put(create.name(), "the API server rejected Job " + create.name() + ": "
                                + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()));
                    } else {
                        throw e;
                    }
                }
            } else if (action instanceof RunSequencer.DeleteJob delete) {
                client.batch().v1().jobs().inNamespace(namespace).withName(delete.name())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
        return rejected;
    }

    /**
     * The operator creates Jobs with its own rights, so a playbook must not be a way to run a pod
     * as any ServiceAccount of the namespace: a named one, "default" included, has to opt in with
     * a label an administrator sets. A step that names none runs without API credentials.
     */
    private Optional<String> refusedServiceAccount(String namespace, String account) {
        if (account == null) {
            return Optional.empty();
        }
        ServiceAccount found = client.serviceAccounts().inNamespace(namespace).withName(account).get();
        if (found == null) {
            return Optional.of("ServiceAccount " + account + " does not exist in namespace " + namespace);
        }
        String label = found.getMetadata().getLabels() == null ? null : found.getMetadata().getLabels().get(KlaxonApi.LABEL_STEP_RUNNER);
        if (!"true".equals(label)) {
            return Optional.of("ServiceAccount " + account + " may not run playbook steps: it lacks the label "
                    + KlaxonApi.LABEL_STEP_RUNNER + "=true that lets playbooks use it");
        }
        return Optional.empty();
    }

    /** Whether an existing Job is the one we meant: same run (owner UID), step and role. */
    private static boolean isFor(Job existing, PlaybookRun run, Job wanted) {
        var labels = existing.getMetadata().getLabels() == null ? Map.<String, String>of() : existing.getMetadata().getLabels();
        var want = wanted.getMetadata().getLabels();
        return existing.getMetadata().getOwnerReferences().stream().anyMatch(o -> run.getMetadata().getUid().equals(o.getUid()))
                && want.get(KlaxonApi.LABEL_STEP).equals(labels.get(KlaxonApi.LABEL_STEP))
                && want.get(KlaxonApi.LABEL_JOB_ROLE).equals(labels.get(KlaxonApi.LABEL_JOB_ROLE));
    }

    /** Events and metrics for the moves just made; the incident reconciler copies them to the timeline. */
    private void publish(PlaybookRun run, List<RunTransition> moves) {
        String playbook = run.getSpec().getPlaybookRef();
        for (RunTransition move : moves) {
            boolean warning = WARNING_PHASES.contains(move.getPhase());
            String reason = (move.getStep() != null ? "Step" : "Run") + move.getPhase();
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
}
