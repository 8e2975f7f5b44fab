package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StepRollback;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.api.v1alpha1.StepVerification;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.JobPods;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Playbook runs on the real cluster: kube-controller-manager's Job controller makes the step
 * pods, the scheduler places them and the node runs their containers (the step image, a shell
 * script each), so a step succeeds, fails or times out because its process did. The namespace
 * enforces the restricted Pod Security Standard and the chart's approval policy.
 */
@OperatorTest(namespace = "playbooks", tenant = true, responders = {PlaybookRunIT.ALICE, PlaybookRunIT.BOB})
class PlaybookRunIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    private static final String METRIC = "klaxon_test_value";
    private static final String OPERATOR_USER = "system:serviceaccount:" + OperatorUnderTest.NAMESPACE + ":"
            + OperatorUnderTest.SERVICE_ACCOUNT;
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static int counter;

    @Test
    void aGatedMiddleStepWaitsForApprovalGivenThroughThePluginAndTheRunFinishes() {
        TestExporter.get().set(METRIC, 0.2, "case", "verify-health");
        PlaybookStep verify = step("verify-health", "exit 0");
        StepVerification verification = new StepVerification();
        verification.setQuery(METRIC + "{case=\"verify-health\"}");
        verification.setOperator(ComparisonOperator.lt);
        verification.setThreshold(1.0);
        verification.setForDuration("2s");
        verify.setVerification(verification);
        create(playbook("restart-api", step("drain", "exit 0"), gated(step("rollback-deploy", "exit 0")), verify));
        Incident incident = incident();

        String started = plugin(ALICE, 0, "run", "restart-api", "--incident", incident.getMetadata().getName(),
                "--param", "reason=bad deploy; $(reboot)");
        Matcher name = java.util.regex.Pattern.compile("playbookrun (\\S+) started").matcher(started);
        assertThat(name.find()).as(started).isTrue();
        String run = name.group(1);

        Job drain = awaitJob(run, "drain", "step");
        assertThat(drain.getSpec().getBackoffLimit()).isZero();
        assertThat(drain.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(drain.getSpec().getTtlSecondsAfterFinished()).as("the chart's default: kept a day").isEqualTo(86400);
        assertThat(drain.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .as("the chart's defaults bound every step").containsKeys("cpu", "memory");
        assertThat(drain.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(runNamed(run).getMetadata().getUid()));
        assertThat(env(drain)).containsEntry("KLAXON_INCIDENT", incident.getMetadata().getName())
                .containsEntry("KLAXON_SEVERITY", "SEV2").containsEntry("KLAXON_PARAM_REASON", "bad deploy; $$(reboot)");
        // The restricted namespace admitted the step's pod: it meets the standard.
        PodSpec pod = JobPods.podOf(admin, namespace, drain.getMetadata().getName()).getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).as("no ServiceAccount named: no API token").isFalse();
        assertThat(pod.getVolumes()).noneMatch(v -> v.getProjected() != null);
        assertThat(JobPods.terminated(admin, namespace, drain.getMetadata().getName()).getExitCode()).isZero();

        PlaybookRun waiting = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(waiting.getSpec().getRequestedBy()).isEqualTo(ALICE);
        assertThat(waiting.getStatus().getCurrentStep()).isEqualTo("rollback-deploy");
        assertThat(waiting.getStatus().getSteps()).extracting(StepStatus::getPhase)
                .containsExactly(StepStatus.Phase.Succeeded, StepStatus.Phase.WaitingForApproval, StepStatus.Phase.Pending);
        assertThat(plugin(ALICE, 0, "runs", "--incident", incident.getMetadata().getName()))
                .containsPattern(run + "\\s+restart-api\\s+" + incident.getMetadata().getName() + "\\s+WaitingForApproval\\s+1/3\\s+rollback-deploy\\s+"
                        + ALICE);
        awaitEvent(run, "StepWaitingForApproval");
        awaitTimeline(incident, e -> e.getType().equals("StepWaitingForApproval") && e.getMessage().contains("rollback-deploy"));

        // The chart's policy, at the API server: no self-approval, no approving in someone else's name.
        assertThat(plugin(ALICE, 1, "approve", run, "rollback-deploy")).contains("the requester of a run cannot approve its steps");
        assertThatThrownBy(() -> as(BOB).resources(PlaybookRun.class).inNamespace(namespace).withName(run)
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/spec/approvals\",\"value\":"
                        + "[{\"step\":\"rollback-deploy\",\"approvedBy\":\"carol@example.com\"}]}]"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(runNamed(run).getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);

        assertThat(plugin(BOB, 0, "approve", run, "rollback-deploy", "--comment", "error rate still rising"))
                .contains("step rollback-deploy approved");
        Job rollbackDeploy = awaitJob(run, "rollback-deploy", "step");
        assertThat(JobPods.terminated(admin, namespace, rollbackDeploy.getMetadata().getName()).getExitCode()).isZero();
        awaitJob(run, "verify-health", "step");

        PlaybookRun done = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
        assertThat(done.getStatus().getProgress()).isEqualTo("3/3");
        assertThat(done.getStatus().getSteps()).extracting(StepStatus::getPhase).containsOnly(StepStatus.Phase.Succeeded);
        assertThat(done.getStatus().getSteps().get(1).getApprovedBy()).isEqualTo(BOB);
        assertThat(done.getStatus().getSteps().get(2).getMessage()).contains("verified", "for 2s");
        assertThat(done.getStatus().getTransitions()).extracting(t -> t.getStep() + ":" + t.getPhase()).containsExactly(
                "null:Running", "drain:Running", "drain:Succeeded", "rollback-deploy:WaitingForApproval", "rollback-deploy:Running",
                "rollback-deploy:Succeeded", "verify-health:Running", "verify-health:Verifying", "verify-health:Succeeded",
                "null:Succeeded");

        Incident recorded = awaitTimeline(incident, e -> e.getType().equals("PlaybookRunSucceeded"));
        List<TimelineEntry> runEntries = recorded.getStatus().getTimeline().stream()
                .filter(e -> e.getMessage().contains("(run " + run + ")")).toList();
        assertThat(runEntries).hasSize(done.getStatus().getTransitions().size());
        assertThat(runEntries).filteredOn(e -> e.getType().equals("StepRunning") && e.getMessage().contains("rollback-deploy"))
                .singleElement().satisfies(e -> assertThat(e.getAuthor()).isEqualTo(BOB));
        assertThat(recorded.getStatus().getPlaybookRuns()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(run);
            assertThat(s.getPhase()).isEqualTo("Succeeded");
        });
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(operator.metric("klaxon_playbook_step_outcomes_total{playbook=\"restart-api\",result=\"Succeeded\"}")).isEqualTo(3);
            assertThat(operator.metric("klaxon_playbook_approval_wait_seconds_count{playbook=\"restart-api\"}")).isEqualTo(1);
        });
    }

    @Test
    void aFailingStepRunsItsRollbackAndTheRunEndsRolledBack() {
        PlaybookStep scale = step("scale-up", "echo 'not enough capacity' >&2; exit 3");
        StepRollback rollback = new StepRollback();
        rollback.setCommand(List.of("/bin/sh", "-c", "echo undo \"$@\"", "rollback"));
        rollback.setArgs(List.of("scale", "--replicas=3"));
        scale.setRollback(rollback);
        create(playbook("scale-out", scale, step("announce", "exit 0")));
        Incident incident = incident();
        String run = createRun("scale-out", incident.getMetadata().getName()).getMetadata().getName();

        Job failing = awaitJob(run, "scale-up", "step");
        assertThat(JobPods.terminated(admin, namespace, failing.getMetadata().getName()).getExitCode()).isEqualTo(3);

        Job undo = awaitJob(run, "scale-up", "rollback");
        assertThat(undo.getMetadata().getName()).endsWith("-scale-up.rollback");
        Container container = undo.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsExactly("scale", "--replicas=3");
        assertThat(container.getImage()).as("the step's image by default").isEqualTo(scale.getImage());
        assertThat(JobPods.terminated(admin, namespace, undo.getMetadata().getName()).getExitCode()).isZero();

        PlaybookRun rolledBack = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.RolledBack);
        assertThat(rolledBack.getStatus().getSteps()).extracting(StepStatus::getPhase)
                .containsExactly(StepStatus.Phase.RolledBack, StepStatus.Phase.Skipped);
        assertThat(rolledBack.getStatus().getSteps().get(0).getMessage()).contains("failed");
        assertThat(awaitEvent(run, "StepRollingBack").getType()).isEqualTo("Warning");
        awaitTimeline(incident, e -> e.getType().equals("StepRolledBack") && e.getMessage().contains("scale-up"));
        awaitTimeline(incident, e -> e.getType().equals("PlaybookRunRolledBack"));
        assertThat(jobsOf(run, "announce")).as("no Job for a step after a failure").isEmpty();
    }

    @Test
    void aStepStillRunningAtItsTimeoutFailsTheRun() {
        PlaybookStep slow = step("slow", "sleep 600");
        slow.setTimeout("2s");
        create(playbook("slow-fix", slow, step("never", "exit 0")));
        String run = createRun("slow-fix", incident().getMetadata().getName()).getMetadata().getName();

        assertThat(awaitJob(run, "slow", "step").getSpec().getActiveDeadlineSeconds()).isEqualTo(2L);
        // The container sleeps on: the Job controller stops the Job at its deadline.

        PlaybookRun failed = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("timed out");
        assertThat(failed.getStatus().getSteps().get(1).getPhase()).isEqualTo(StepStatus.Phase.Skipped);
        assertThat(awaitEvent(run, "RunFailed").getMessage()).contains("slow", "timed out");
    }

    @Test
    void anAlertRulesPlaybookStartsByItselfAndAlertLabelsReachTheStepOnlyAsEnvironment() {
        String injection = "web-1; $(touch /tmp/pwned) `id` && rm -rf / #'";
        // The step reports the label as its process sees it (the pod's termination message).
        PlaybookStep isolate = step("isolate", "printf '%s' \"$KLAXON_LABEL_TARGET\" > /dev/termination-log");
        create(playbook("contain-target", isolate));
        AlertRule rule = Rules.aboveOne(namespace, "target-compromised", METRIC + "{case=\"injection\"}",
                AlertRuleSpec.RuleSeverity.SEV2, Category.SECURITY);
        IncidentTemplate template = new IncidentTemplate();
        template.setPlaybookRef("contain-target");
        rule.getSpec().setIncident(template);
        admin.resource(rule).create();

        TestExporter.get().set(METRIC, 5, "case", "injection", "target", injection);

        Incident incident = Awaitility.await("incident of the rule").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "target-compromised")
                        .list().getItems(), items -> !items.isEmpty()).get(0);
        assertThat(incident.getSpec().getSource().getLabels()).containsEntry("target", injection);
        PlaybookRun run = Awaitility.await("run the rule started").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(PlaybookRun.class).inNamespace(namespace)
                        .withField("spec.incidentRef", incident.getMetadata().getName()).list().getItems(), items -> !items.isEmpty())
                .get(0);
        assertThat(run.getSpec().getPlaybookRef()).isEqualTo("contain-target");
        assertThat(run.getSpec().getRequestedBy()).as("the operator's own identity, checked by the approval policy").isEqualTo(OPERATOR_USER);

        Job job = awaitJob(run.getMetadata().getName(), "isolate", "step");
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).as("exactly what the playbook's author wrote").isEqualTo(isolate.getCommand());
        assertThat(container.getArgs()).isEmpty();
        // In a Job's env value "$$" stands for a literal "$" (no $(VAR) expansion): the container sees the label as it is.
        assertThat(env(job)).containsEntry("KLAXON_LABEL_TARGET", injection.replace("$", "$$")).containsEntry("KLAXON_SEVERITY", "SEV2");
        String serialized = admin.getKubernetesSerialization().asJson(job.getSpec().getTemplate().getSpec());
        assertThat(serialized.split(java.util.regex.Pattern.quote(injection.replace("$", "$$")), -1))
                .as("the label value appears once: in the environment").hasSize(2);
        assertThat(admin.getKubernetesSerialization().asJson(container.getCommand()) + container.getArgs()).doesNotContain("pwned");
        var ended = JobPods.terminated(admin, namespace, job.getMetadata().getName());
        assertThat(ended.getExitCode()).isZero();
        assertThat(ended.getMessage()).as("the running step saw the label exactly as scraped").isEqualTo(injection);
        awaitTimeline(incident, e -> e.getType().equals("PlaybookRunRunning") && e.getAuthor().equals(OPERATOR_USER));
    }

    @Test
    void aRestartedOperatorNeitherRepeatsAFinishedStepNorForgetsTheWait() {
        create(playbook("restart-twice", step("prepare", "exit 0"), gated(step("apply", "sleep 3"))));
        String run = createRun("restart-twice", incident().getMetadata().getName()).getMetadata().getName();
        Job prepare = awaitJob(run, "prepare", "step");
        awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);

        operator.kill();
        // While it is down, someone edits the playbook: the run keeps the version it started with.
        admin.resources(Playbook.class).inNamespace(namespace).withName("restart-twice").edit(p -> {
            p.getSpec().getSteps().get(1).setImage("registry.example/changed:2");
            return p;
        });
        operator = new OperatorProcess(namespace).start();

        assertThat(runNamed(run).getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        plugin(BOB, 0, "approve", run, "apply");
        Job apply = awaitJob(run, "apply", "step");
        assertThat(apply.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(TestCluster.STEP_IMAGE);
        assertThat(jobsOf(run, "prepare")).singleElement()
                .satisfies(j -> assertThat(j.getMetadata().getUid()).isEqualTo(prepare.getMetadata().getUid()));

        // Down again while the step's Job finishes (its container sleeps for 3 s).
        operator.kill();
        Awaitility.await("Job complete").atMost(WAIT).until(() -> JobStates.of(admin.resource(apply).get()).outcome()
                == RunSequencer.JobState.Outcome.SUCCEEDED);
        operator = new OperatorProcess(namespace).start();

        PlaybookRun done = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
        List<String> moves = done.getStatus().getTransitions().stream().map(t -> t.getStep() + ":" + t.getPhase()).toList();
        assertThat(moves).containsExactly("null:Running", "prepare:Running", "prepare:Succeeded", "apply:WaitingForApproval",
                "apply:Running", "apply:Succeeded", "null:Succeeded");
        assertThat(jobsOf(run, "prepare")).hasSize(1);
        assertThat(jobsOf(run, "apply")).hasSize(1);
    }

    @Test
    void aStepRunsOnlyAsAServiceAccountThatOptedIn() {
        admin.serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("cluster-admin-ish").endMetadata().build()).create();
        admin.serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("remediation").addToLabels(KlaxonApi.LABEL_STEP_RUNNER, "true").endMetadata().build()).create();
        PlaybookStep sneaky = step("sneaky", "exit 0");
        sneaky.setServiceAccountName("cluster-admin-ish");
        create(playbook("borrow-rights", sneaky));
        PlaybookStep allowed = step("allowed", "exit 0");
        allowed.setServiceAccountName("remediation");
        create(playbook("use-remediation", allowed));

        PlaybookStep asDefault = step("as-default", "exit 0");
        asDefault.setServiceAccountName("default");
        create(playbook("borrow-default", asDefault));

        String refused = createRun("borrow-rights", null).getMetadata().getName();
        String refusedDefault = createRun("borrow-default", null).getMetadata().getName();
        String fine = createRun("use-remediation", null).getMetadata().getName();

        PlaybookRun failed = awaitRun(refused, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("cluster-admin-ish", "klaxon.dev/step-runner=true");
        assertThat(jobsOf(refused, "sneaky")).isEmpty();
        PlaybookRun failedDefault = awaitRun(refusedDefault, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failedDefault.getStatus().getSteps().get(0).getMessage()).as("default needs the opt-in too")
                .contains("default", "klaxon.dev/step-runner=true");
        assertThat(jobsOf(refusedDefault, "as-default")).isEmpty();
        assertThat(awaitJob(fine, "allowed", "step").getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("remediation");
    }

    @Test
    void aStepVariableCannotRelayAnAlertLabelIntoTheCommandLine() {
        PlaybookStep relay = step("relay", "exit 0");
        relay.setCommand(List.of("/bin/echo"));
        relay.setArgs(List.of("$(TARGET)"));
        dev.klaxon.api.v1alpha1.StepEnvVar target = new dev.klaxon.api.v1alpha1.StepEnvVar();
        target.setName("TARGET");
        target.setValue("$(KLAXON_LABEL_TARGET)");
        relay.setEnv(List.of(target));
        create(playbook("relay-label", relay));

        var notReady = Await.ready(admin, Playbook.class, namespace, "relay-label", dev.klaxon.api.v1alpha1.Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("UntrustedArgument");
        assertThat(notReady.getMessage()).contains(".env TARGET");
    }

    @Test
    void aStepWhosePodCannotStartFailsWithinAMinuteWithTheKubeletsReasonAndRollsNothingBack() {
        PlaybookStep missing = step("pull-missing", "exit 0");
        missing.setImage("registry.example/does-not-exist:1");
        StepRollback rollback = new StepRollback();
        rollback.setCommand(List.of("/bin/sh", "-c", "exit 0"));
        rollback.setImage(TestCluster.STEP_IMAGE);
        missing.setRollback(rollback);
        create(playbook("missing-image", missing));
        String run = createRun("missing-image", null).getMetadata().getName();
        Job job = awaitJob(run, "pull-missing", "step");

        PlaybookRun failed = Awaitility.await("the step fails").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> runNamed(run), r -> r.getStatus() != null && r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("its pod cannot start", "the step never ran");
        assertThat(java.time.Duration.between(java.time.Instant.parse(job.getMetadata().getCreationTimestamp()),
                java.time.Instant.parse(failed.getStatus().getSteps().get(0).getFinishedAt())))
                .as("long before the step's 10m timeout").isLessThan(Duration.ofSeconds(75));
        assertThat(jobsOf(run, "pull-missing")).as("no rollback of a step that never ran; the stuck Job is gone")
                .allSatisfy(j -> assertThat(j.getMetadata().getDeletionTimestamp()).isNotNull());
    }

    @Test
    void aStepWhoseJobNameIsTakenFailsWithoutRunningItsRollbackOrTouchingTheOtherJob() {
        PlaybookStep squatted = step("squatted", "exit 0");
        StepRollback rollback = new StepRollback();
        rollback.setCommand(List.of("/bin/sh", "-c", "exit 0"));
        squatted.setRollback(rollback);
        create(playbook("name-taken", squatted));
        String runName = "name-taken-" + (++counter);
        String jobName = RunSequencer.jobName(runName, "squatted", RunSequencer.JobRole.STEP);
        Job squat = admin.batch().v1().jobs().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata().withName(jobName).addToLabels(KlaxonApi.LABEL_PLAYBOOK_RUN, runName).endMetadata()
                .withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage(TestCluster.STEP_IMAGE).withCommand("/bin/true").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new ObjectMetaBuilder().withName(runName).withNamespace(namespace).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef("name-taken");
        spec.setRequestedBy(ALICE);
        run.setSpec(spec);
        as(ALICE).resource(run).create();

        PlaybookRun failed = awaitRun(runName, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("does not belong to this run", "the step never ran");
        assertThat(failed.getStatus().getSteps().get(0).getRollbackJob()).as("no rollback").isNull();
        assertThat(admin.resource(squat).get().getMetadata().getDeletionTimestamp()).as("the other Job is left alone").isNull();
    }

    @Test
    void cancellingARunStopsItsJob() {
        create(playbook("long-haul", step("wait-for-drain", "sleep 600"), step("next", "exit 0")));
        String run = createRun("long-haul", null).getMetadata().getName();
        Job job = awaitJob(run, "wait-for-drain", "step");

        assertThat(plugin(ALICE, 0, "cancel", run)).contains("cancel requested");

        PlaybookRun cancelled = awaitRun(run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Cancelled);
        assertThat(cancelled.getStatus().getSteps()).extracting(StepStatus::getPhase)
                .containsExactly(StepStatus.Phase.Cancelled, StepStatus.Phase.Skipped);
        Awaitility.await("Job deleted").atMost(WAIT).until(() -> admin.resource(job).get() == null);
        assertThatThrownBy(() -> admin.resources(PlaybookRun.class).inNamespace(namespace).withName(run)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":false}}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("cannot be un-cancelled");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static PlaybookStep step(String name, String script) {
        return Playbooks.step(name, script);
    }

    private static PlaybookStep gated(PlaybookStep step) {
        return Playbooks.gated(step);
    }

    private static Playbook playbook(String name, PlaybookStep... steps) {
        return Playbooks.playbook(namespace, name, steps);
    }

    private static void create(Playbook playbook) {
        admin.resource(playbook).create();
    }

    private static Incident incident() {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("playbook-incident-" + (++counter));
        incident.getSpec().setSeverity(Severity.SEV2);
        return admin.resource(incident).create();
    }

    /** A run as alice creates it (in her name, as the policy requires). */
    private static PlaybookRun createRun(String playbook, String incident) {
        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new ObjectMetaBuilder().withName(playbook + "-" + (++counter)).withNamespace(namespace).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setIncidentRef(incident);
        spec.setRequestedBy(ALICE);
        run.setSpec(spec);
        return as(ALICE).resource(run).create();
    }

    private static PlaybookRun runNamed(String name) {
        return admin.resources(PlaybookRun.class).inNamespace(namespace).withName(name).get();
    }

    private static PlaybookRun awaitRun(String name, Predicate<PlaybookRun> condition) {
        return Playbooks.awaitRun(admin, namespace, name, condition);
    }

    private static List<Job> jobsOf(String run, String step) {
        return admin.batch().v1().jobs().inNamespace(namespace).withLabel(KlaxonApi.LABEL_PLAYBOOK_RUN, run)
                .withLabel(KlaxonApi.LABEL_STEP, step).list().getItems();
    }

    private static Job awaitJob(String run, String step, String role) {
        return Awaitility.await(role + " Job of " + run + "/" + step).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> jobsOf(run, step).stream().filter(j -> role.equals(j.getMetadata().getLabels().get(KlaxonApi.LABEL_JOB_ROLE)))
                        .findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static Map<String, String> env(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Event awaitEvent(String run, String reason) {
        return Playbooks.awaitEvent(admin, namespace, run, reason);
    }

    private static Incident awaitTimeline(Incident incident, Predicate<TimelineEntry> entry) {
        return Awaitility.await("timeline of " + incident.getMetadata().getName()).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getTimeline() != null
                        && i.getStatus().getTimeline().stream().anyMatch(entry));
    }

    private static String plugin(String user, int expectedExit, String... args) {
        return Users.plugin(namespace, user, expectedExit, args);
    }

    private static KubernetesClient as(String user) {
        return Users.as(user);
    }
}
