package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.common.OperatorKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run's step Jobs on the cluster. The run records the UID of every Job the operator creates,
 * and only a Job with that UID is ever observed or deleted as the step's: names and labels can
 * be taken by anyone who may create Jobs in the namespace, UIDs cannot. A Job whose UID the run
 * lost (a crash between create and status write) is adopted only when it carries the operator's
 * signature over the run, its name and what it runs.
 */
final class StepJobs {

    /** The label the Job controller puts on a Job's pods. */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    private final KubernetesClient client;
    private final Clock clock;
    private final StepJobFactory factory;
    private final OperatorKey key;

    StepJobs(KubernetesClient client, Clock clock, StepJobFactory factory, OperatorKey key) {
        this.client = client;
        this.clock = clock;
        this.factory = factory;
        this.key = key;
    }

    /** The state of the Jobs the status names as running, from the cache (or the API when the cache has not seen our create yet). */
    Map<String, RunSequencer.JobState> observe(PlaybookRun run, Collection<Job> cachedJobs, Collection<Pod> cachedPods) {
        Map<String, Job> cached = cachedJobs.stream()
                .collect(Collectors.toMap(job -> job.getMetadata().getName(), Function.identity(), (a, b) -> a));
        Map<String, List<Pod>> pods = cachedPods.stream()
                .filter(pod -> pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().containsKey(JOB_NAME_LABEL))
                .collect(Collectors.groupingBy(pod -> pod.getMetadata().getLabels().get(JOB_NAME_LABEL)));
        Map<String, RunSequencer.JobState> jobs = new HashMap<>();
        for (StepStatus step : run.getStatus().getSteps()) {
            String name;
            String uid;
            switch (step.getPhase()) {
                case Running -> { name = step.getJob(); uid = step.getJobUid(); }
                case RollingBack -> { name = step.getRollbackJob(); uid = step.getRollbackJobUid(); }
                default -> { continue; }
            }
            if (name == null) {
                continue;
            }
            Job job = cached.get(name);
            if (job == null || !job.getMetadata().getUid().equals(uid)) {
                job = client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(name).get();
            }
            if (job == null) {
                jobs.put(name, RunSequencer.JobState.MISSING);
            } else if (uid == null || !uid.equals(job.getMetadata().getUid())) {
                jobs.put(name, RunSequencer.JobState.replaced(name));
            } else {
                jobs.put(name, withPods(JobStates.of(job), job, pods));
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

    /**
     * Creates and deletes Jobs; records the UID of each Job created in the step's status.
     *
     * @return the Jobs that could not be created, with why
     */
    Map<String, String> carryOut(PlaybookRun run, List<RunSequencer.Action> actions, Optional<Incident> incident) {
        Map<String, String> rejected = new HashMap<>();
        String namespace = run.getMetadata().getNamespace();
        for (RunSequencer.Action action : actions) {
            if (action instanceof RunSequencer.CreateJob create) {
                Job job = factory.build(run, create.step(), create.role(), create.name(), incident);
                String account = job.getSpec().getTemplate().getSpec().getServiceAccountName();
                Optional<String> refused = refusedServiceAccount(namespace, account);
                if (refused.isPresent()) {
                    rejected.put(create.name(), refused.get());
                    continue;
                }
                job.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PROOF, key.sign(proofText(run, job)));
                try {
                    record(run, create, client.resource(job).create());
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        // Made by this operator for this run before a crash lost the status write
                        // (its signature says so, over what it runs): adopt it. Anything else (a
                        // squat) is never taken for the step, which fails without running.
                        Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(create.name()).get();
                        if (existing != null && madeFor(run, existing)) {
                            record(run, create, existing);
                        } else {
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
                deleteIfOurs(namespace, delete);
            }
        }
        return rejected;
    }

    private static void record(PlaybookRun run, RunSequencer.CreateJob create, Job job) {
        StepStatus step = run.getStatus().getSteps().get(create.step());
        if (create.role() == RunSequencer.JobRole.STEP) {
            step.setJobUid(job.getMetadata().getUid());
        } else {
            step.setRollbackJobUid(job.getMetadata().getUid());
        }
    }

    /** Whether the operator signed this Job for this run, as it is (a signature copied onto another Job does not verify). */
    private boolean madeFor(PlaybookRun run, Job job) {
        String proof = job.getMetadata().getAnnotations() == null ? null : job.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_PROOF);
        return proof != null && key.verify(proofText(run, job), proof);
    }

    /** What a Job's signature covers: the run (by UID), the Job's name, who it runs as, and every container's image, command, args and env. */
    static String proofText(PlaybookRun run, Job job) {
        var pod = job.getSpec().getTemplate().getSpec();
        StringBuilder text = new StringBuilder("job\n").append(run.getMetadata().getUid()).append('\n').append(job.getMetadata().getName())
                .append('\n').append(pod.getServiceAccountName()).append('\n').append(pod.getAutomountServiceAccountToken());
        for (Container container : job.getSpec().getTemplate().getSpec().getContainers()) {
            // Absent and empty lists read alike: the API server returns one where the client sent the other.
            text.append('\n').append(container.getImage())
                    .append('\n').append(Objects.requireNonNullElse(container.getCommand(), List.of()))
                    .append('\n').append(Objects.requireNonNullElse(container.getArgs(), List.of()))
                    .append('\n').append(Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream()
                            .map(e -> e.getName() + "=" + e.getValue()).toList());
        }
        return text.toString();
    }

    /** Deletes the Job only while it is the one the run created: another Job of that name is someone else's. */
    private void deleteIfOurs(String namespace, RunSequencer.DeleteJob delete) {
        if (delete.uid() == null) {
            return;
        }
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(delete.name()).get();
        if (job != null && delete.uid().equals(job.getMetadata().getUid())) {
            client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
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
}
