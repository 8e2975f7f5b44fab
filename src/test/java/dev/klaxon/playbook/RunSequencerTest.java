package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Approvers;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.api.v1alpha1.StepRollback;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.api.v1alpha1.StepVerification;
import dev.klaxon.playbook.RunSequencer.CreateJob;
import dev.klaxon.playbook.RunSequencer.DeleteJob;
import dev.klaxon.playbook.RunSequencer.JobRole;
import dev.klaxon.playbook.RunSequencer.JobState;
import dev.klaxon.playbook.RunSequencer.Observed;
import dev.klaxon.playbook.RunSequencer.Result;
import dev.klaxon.playbook.RunSequencer.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunSequencerTest {

    private static final String RUN = "restart-api-x1";
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private PlaybookRunSpec spec;
    private PlaybookRunStatus status;
    private final Map<String, JobState> jobs = new HashMap<>();
    private Optional<VerificationResult> verification = Optional.empty();
    /** Approvals as an enforced namespace and the API server would judge them: set per test to refuse someone. */
    private RunSequencer.Approvals approvals = new RunSequencer.Approvals(Optional.empty(), (approval, named) -> Optional.empty());

    @BeforeEach
    void setUp() {
        spec = new PlaybookRunSpec();
        spec.setPlaybookRef("restart-api");
        spec.setRequestedBy("alice");
    }

    private void start(PlaybookStep... steps) {
        PlaybookSpec playbook = new PlaybookSpec();
        playbook.setSteps(List.of(steps));
        status = new PlaybookRunStatus();
        RunSequencer.start(status, playbook, "restart-api", 3L, "alice", List.of(), now);
    }

    /** Starts the run with the playbook's approvers and the approvals the spec holds at that moment. */
    private void startWithApprovers(List<String> users, PlaybookStep... steps) {
        PlaybookSpec playbook = new PlaybookSpec();
        playbook.setSteps(List.of(steps));
        if (!users.isEmpty()) {
            Approvers approvers = new Approvers();
            approvers.setUsers(users);
            playbook.setApprovers(approvers);
        }
        status = new PlaybookRunStatus();
        RunSequencer.start(status, playbook, "restart-api", 1L, "alice", List.copyOf(spec.getApprovals()), now);
    }

    private static PlaybookStep step(String name) {
        PlaybookStep step = new PlaybookStep();
        step.setName(name);
        step.setImage("registry.example/tools:1");
        step.setCommand(List.of("/bin/restart"));
        return step;
    }

    private static PlaybookStep gated(String name) {
        PlaybookStep step = step(name);
        step.setRequiresApproval(true);
        return step;
    }

    private static PlaybookStep withRollback(PlaybookStep step) {
        StepRollback rollback = new StepRollback();
        rollback.setCommand(List.of("/bin/undo"));
        step.setRollback(rollback);
        return step;
    }

    private Result advance() {
        return RunSequencer.advance(RUN, spec, status, new Observed(jobs, verification, approvals), now);
    }

    private StepStatus step(int i) {
        return status.getSteps().get(i);
    }

    private static String job(String step) {
        return RunSequencer.jobName(RUN, step, JobRole.STEP);
    }

    private List<String> moves() {
        return status.getTransitions().stream().map(t -> (t.getStep() == null ? "run" : t.getStep()) + ":" + t.getPhase()).toList();
    }

    @Test
    void startingFreezesThePlaybookAndRecordsWhoAskedFor() {
        start(step("a"), step("b"));

        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Running);
        assertThat(status.getPlaybookGeneration()).isEqualTo(3L);
        assertThat(status.getSteps()).extracting(StepStatus::getPhase).containsOnly(StepStatus.Phase.Pending);
        RunTransition started = status.getTransitions().get(0);
        assertThat(started.getStep()).isNull();
        assertThat(started.getAuthor()).isEqualTo("alice");
        assertThat(started.getMessage()).contains("restart-api", "2 steps", "generation 3");
    }

    @Test
    void stepsRunInOrderOneJobEach() {
        start(step("a"), step("b"));

        Result first = advance();
        assertThat(first.actions()).containsExactly(new CreateJob(0, JobRole.STEP, job("a")));
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Running);
        assertThat(step(0).getJob()).isEqualTo(job("a"));
        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.Pending);

        jobs.put(job("a"), JobState.RUNNING);
        assertThat(advance().actions()).as("nothing to do while the Job runs").isEmpty();

        jobs.put(job("a"), JobState.succeeded());
        now = now.plusSeconds(30);
        assertThat(advance().actions()).containsExactly(new CreateJob(1, JobRole.STEP, job("b")));
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Succeeded);
        assertThat(step(0).getFinishedAt()).isEqualTo("2026-11-26T10:00:30Z");
        assertThat(status.getCurrentStep()).isEqualTo("b");

        jobs.put(job("b"), JobState.succeeded());
        assertThat(advance().actions()).isEmpty();
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Succeeded);
        assertThat(status.getCurrentStep()).isNull();
        assertThat(moves()).containsExactly("run:Running", "a:Running", "a:Succeeded", "b:Running", "b:Succeeded", "run:Succeeded");
    }

    @Test
    void deciding_again_on_the_same_observations_changes_nothing() {
        // What a restarted operator does: the same status, the same Jobs, no second Job, no repeated move.
        start(step("a"), gated("b"));
        advance();
        jobs.put(job("a"), JobState.succeeded());
        advance();
        int moves = status.getTransitions().size();

        Result again = advance();

        assertThat(again.actions()).isEmpty();
        assertThat(status.getTransitions()).hasSize(moves);
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Succeeded);
        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.WaitingForApproval);
    }

    @Test
    void aGatedStepWaitsForAnApprovalAndRecordsWhoApproved() {
        start(gated("rollback-deploy"));

        assertThat(advance().actions()).isEmpty();
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.WaitingForApproval);
        assertThat(step(0).getWaitingSince()).isEqualTo("2026-11-26T10:00:00Z");

        spec.getApprovals().add(new StepApproval("rollback-deploy", "bob", "looks right"));
        now = now.plusSeconds(120);
        assertThat(advance().actions()).containsExactly(new CreateJob(0, JobRole.STEP, job("rollback-deploy")));
        assertThat(step(0).getApprovedBy()).isEqualTo("bob");
        assertThat(step(0).getWaitingSince()).as("kept, for the time-to-approve metric").isEqualTo("2026-11-26T10:00:00Z");
        RunTransition started = status.getTransitions().get(status.getTransitions().size() - 1);
        assertThat(started.getAuthor()).isEqualTo("bob");
        assertThat(started.getMessage()).contains("approved by bob");
    }

    @Test
    void aRunningStepWhoseJobRunsIsLeftAlone() {
        start(step("a"), step("b"));
        advance();
        jobs.put(job("a"), JobState.RUNNING);
        int moves = status.getTransitions().size();

        for (int i = 0; i < 3; i++) {
            assertThat(advance().actions()).isEmpty();
        }

        assertThat(status.getTransitions()).hasSize(moves);
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Running);
    }

    @Test
    void cancellingDuringARollbackKeepsWhyTheStepFailed() {
        start(withRollback(step("scale")));
        advance();
        jobs.put(job("scale"), JobState.failed("Job failed: BackoffLimitExceeded"));
        advance();
        spec.setCancel(true);

        Result cancelled = advance();

        assertThat(cancelled.actions()).containsExactly(new DeleteJob(RunSequencer.jobName(RUN, "scale", JobRole.ROLLBACK), null));
        assertThat(step(0).getMessage()).contains("during its rollback", "BackoffLimitExceeded");
    }

    @Test
    void anApprovalForAnotherStepDoesNotCount() {
        start(step("a"), gated("b"));
        spec.getApprovals().add(new StepApproval("a", "bob", null));

        advance();
        jobs.put(job("a"), JobState.succeeded());
        advance();

        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.WaitingForApproval);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRunEvenWithoutTheAdmissionPolicy() {
        start(gated("b"));
        spec.getApprovals().add(new StepApproval("b", "alice", null));

        Result result = advance();

        assertThat(result.actions()).isEmpty();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.WaitingForApproval);
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(EventReason.ApprovalIgnored);
            assertThat(w.message()).contains("alice requested the run");
        });
        assertThat(advance().warnings()).as("reported once, not on every reconcile").isEmpty();
    }

    @Test
    void onlyTheListedApproversCountWhenThePlaybookNamesThem() {
        startWithApprovers(List.of("carol"), gated("b"));
        spec.getApprovals().add(new StepApproval("b", "bob", null));

        Result ignored = advance();
        assertThat(ignored.actions()).isEmpty();
        assertThat(ignored.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("bob is not one of", "carol"));
        assertThat(status.getTransitions()).last().satisfies(t -> assertThat(t.getMessage()).contains("by one of [carol]"));

        spec.getApprovals().add(new StepApproval("b", "carol", null));
        assertThat(advance().actions()).hasSize(1);
        assertThat(step(0).getApprovedBy()).isEqualTo("carol");
    }

    @Test
    void anApprovalGivenBeforeTheRunStartedDoesNotCountButTheSameApproverMayApproveAgain() {
        spec.getApprovals().add(new StepApproval("b", "bob", "fine"));
        startWithApprovers(List.of(), gated("b"));

        Result ignored = advance();
        assertThat(ignored.actions()).isEmpty();
        assertThat(ignored.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("bob approved before the run started"));

        spec.getApprovals().add(new StepApproval("b", "bob", "fine"));
        assertThat(advance().actions()).as("the same words again, given now").hasSize(1);
        assertThat(step(0).getApprovedBy()).isEqualTo("bob");
    }

    @Test
    void anApproverTheApiServerDoesNotVouchForIsIgnored() {
        start(gated("b"));
        approvals = new RunSequencer.Approvals(Optional.empty(), (approval, named) -> approval.getApprovedBy().startsWith("system:")
                ? Optional.of(approval.getApprovedBy() + " is a ServiceAccount") : Optional.empty());
        spec.getApprovals().add(new StepApproval("b", "system:serviceaccount:shop:default", null));

        Result ignored = advance();
        assertThat(ignored.actions()).isEmpty();
        assertThat(step(0).getMessage()).contains("system:serviceaccount:shop:default is a ServiceAccount");

        spec.getApprovals().add(new StepApproval("b", "bob", null));
        assertThat(advance().actions()).hasSize(1);
        assertThat(step(0).getApprovedBy()).isEqualTo("bob");
    }

    @Test
    void theCheckIsToldWhetherThePlaybookNamesTheApprover() {
        startWithApprovers(List.of("carol"), gated("b"));
        List<String> asked = new java.util.ArrayList<>();
        approvals = new RunSequencer.Approvals(Optional.empty(), (approval, named) -> {
            asked.add(approval.getApprovedBy() + ":" + named);
            return Optional.empty();
        });
        spec.getApprovals().add(new StepApproval("b", "carol", null));

        advance();

        assertThat(asked).containsExactly("carol:true");
    }

    @Test
    void whereTheAdmissionPolicyIsNotEnforcedAGatedStepNeverRunsButUngatedOnesDo() {
        start(step("a"), gated("b"));
        approvals = new RunSequencer.Approvals(Optional.of("the policy is not bound to namespace shop"),
                (approval, named) -> Optional.empty());
        spec.getApprovals().add(new StepApproval("b", "bob", null));

        assertThat(advance().actions()).containsExactly(new CreateJob(0, JobRole.STEP, job("a")));
        jobs.put(job("a"), JobState.succeeded());
        Result waiting = advance();

        assertThat(waiting.actions()).isEmpty();
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(step(1).getMessage()).contains("no approval counts here", "not bound to namespace shop");
    }

    @Test
    void aFailedStepRunsItsRollbackAndTheRunEndsRolledBack() {
        start(withRollback(step("scale")), step("after"));
        advance();
        jobs.put(job("scale"), JobState.failed("Job failed: BackoffLimitExceeded"));

        Result failed = advance();

        String rollbackJob = RunSequencer.jobName(RUN, "scale", JobRole.ROLLBACK);
        assertThat(failed.actions()).containsExactly(new CreateJob(0, JobRole.ROLLBACK, rollbackJob));
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.RollingBack);
        assertThat(step(0).getRollbackJob()).isEqualTo(rollbackJob).endsWith("-scale.rollback");

        jobs.put(rollbackJob, JobState.succeeded());
        assertThat(advance().actions()).isEmpty();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.RolledBack);
        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.Skipped);
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.RolledBack);
        assertThat(moves()).containsExactly("run:Running", "scale:Running", "scale:RollingBack", "scale:RolledBack", "after:Skipped",
                "run:RolledBack");
        assertThat(status.getTransitions()).last().satisfies(t -> assertThat(t.getMessage()).contains("BackoffLimitExceeded"));
    }

    @Test
    void aStepWhoseJobCouldNotBeCreatedFailsWithoutARollback() {
        start(withRollback(step("scale")), step("after"));
        advance();
        jobs.put(job("scale"), JobState.notCreated("a Job named x already exists and does not belong to this run"));

        Result failed = advance();

        assertThat(failed.actions()).as("no rollback, and nobody else's Job deleted").isEmpty();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("does not belong to this run", "the step never ran");
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
        assertThat(moves()).containsExactly("run:Running", "scale:Running", "scale:Failed", "after:Skipped", "run:Failed");
    }

    @Test
    void aStepWhosePodCannotStartIsDeletedAndFailsWithoutARollback() {
        start(withRollback(step("scale")), step("after"));
        advance();
        jobs.put(job("scale"), JobState.stuck("its pod cannot start: ErrImageNeverPull"));

        Result failed = advance();

        assertThat(failed.actions()).containsExactly(new RunSequencer.DeleteJob(job("scale"), null));
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("ErrImageNeverPull");
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
    }

    @Test
    void aFailedRollbackFailsTheRun() {
        start(withRollback(step("scale")));
        advance();
        jobs.put(job("scale"), JobState.failed("timed out"));
        advance();
        jobs.put(RunSequencer.jobName(RUN, "scale", JobRole.ROLLBACK), JobState.failed("Job failed: BackoffLimitExceeded"));

        advance();

        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("timed out", "rollback failed");
    }

    @Test
    void aFailedStepWithoutRollbackFailsTheRunAndSkipsTheRest() {
        start(step("a"), step("b"));
        advance();
        jobs.put(job("a"), JobState.failed("timed out: still running after its timeout of 3s"));

        assertThat(advance().actions()).isEmpty();

        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("timed out");
        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.Skipped);
    }

    @Test
    void continueOnFailureGoesOnToTheNextStep() {
        PlaybookStep optional = step("warm-cache");
        optional.setContinueOnFailure(true);
        start(optional, step("b"));
        advance();
        jobs.put(job("warm-cache"), JobState.failed("boom"));

        assertThat(advance().actions()).containsExactly(new CreateJob(1, JobRole.STEP, job("b")));
        jobs.put(job("b"), JobState.succeeded());
        advance();

        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Succeeded);
        assertThat(status.getTransitions()).last().satisfies(t -> assertThat(t.getMessage()).contains("warm-cache"));
    }

    @Test
    void aJobDeletedBeforeItFinishedFailsTheStep() {
        start(step("a"));
        advance();

        advance(); // the Job is not among the observed ones

        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("deleted before it finished");
    }

    private static PlaybookStep verified(String name, String holdFor) {
        PlaybookStep step = step(name);
        step.setTimeout("5m");
        StepVerification verification = new StepVerification();
        verification.setQuery("sum(rate(http_errors_total[1m]))");
        verification.setOperator(ComparisonOperator.lt);
        verification.setThreshold(1.0);
        verification.setForDuration(holdFor);
        step.setVerification(verification);
        return step;
    }

    @Test
    void aVerifiedStepSucceedsOnceTheQueryHeldForItsDuration() {
        start(verified("scale", "1m"));
        advance();
        jobs.put(job("scale"), JobState.succeeded());

        Result verifying = advance();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Verifying);
        assertThat(step(0).getVerifyUntil()).isEqualTo("2026-11-26T10:05:00Z");
        assertThat(verifying.recheckAfter()).isPresent();

        verification = Optional.of(new VerificationResult(true, "value 0.2 lt 1.0"));
        now = now.plusSeconds(10);
        Result holding = advance();
        assertThat(step(0).getHoldingSince()).isEqualTo("2026-11-26T10:00:10Z");
        assertThat(holding.recheckAfter()).contains(Duration.ofSeconds(10));

        verification = Optional.of(new VerificationResult(false, "value 3 is not lt 1.0"));
        now = now.plusSeconds(30);
        advance();
        assertThat(step(0).getHoldingSince()).as("a break starts the hold over").isNull();

        verification = Optional.of(new VerificationResult(true, "value 0.1 lt 1.0"));
        now = now.plusSeconds(10);
        advance();
        now = now.plusSeconds(59);
        advance();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Verifying);
        now = now.plusSeconds(1);
        advance();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Succeeded);
        assertThat(step(0).getMessage()).contains("verified", "for 1m");
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Succeeded);
    }

    @Test
    void aVerificationThatNeverHoldsWithinTheTimeoutFailsTheStep() {
        start(verified("scale", "1m"));
        advance();
        jobs.put(job("scale"), JobState.succeeded());
        advance();
        verification = Optional.of(new VerificationResult(false, "value 3 is not lt 1.0"));

        now = now.plus(Duration.ofMinutes(4));
        advance();
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Verifying);
        now = now.plus(Duration.ofMinutes(1));
        advance();

        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(step(0).getMessage()).contains("verification failed", "did not hold for 1m within 5m", "value 3");
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Failed);
    }

    @Test
    void cancellingStopsTheRunningJobAndEndsTheRun() {
        start(step("a"), step("b"));
        advance();
        jobs.put(job("a"), JobState.RUNNING);
        spec.setCancel(true);

        Result cancelled = advance();

        assertThat(cancelled.actions()).containsExactly(new DeleteJob(job("a"), null));
        assertThat(step(0).getPhase()).isEqualTo(StepStatus.Phase.Cancelled);
        assertThat(step(1).getPhase()).isEqualTo(StepStatus.Phase.Skipped);
        assertThat(status.getPhase()).isEqualTo(PlaybookRunStatus.Phase.Cancelled);
        assertThat(advance().actions()).as("a finished run is left alone").isEmpty();
    }

    @Test
    void aFinishedRunNeverStartsAnotherJob() {
        start(step("a"));
        advance();
        jobs.put(job("a"), JobState.succeeded());
        advance();
        int moves = status.getTransitions().size();
        jobs.clear();

        assertThat(advance().actions()).isEmpty();
        assertThat(status.getTransitions()).hasSize(moves);
    }

    @Test
    void jobNamesFitInALabelValueAndStayDistinct() {
        String longRun = "high-error-rate-0123456789abcdef-1-restart-api-deployment";
        String step = RunSequencer.jobName(longRun, "rollback-deployment-to-previous-revision", JobRole.STEP);
        String rollback = RunSequencer.jobName(longRun, "rollback-deployment-to-previous-revision", JobRole.ROLLBACK);

        assertThat(step).hasSizeLessThanOrEqualTo(63).endsWith("-rollback-deployment-to-previous-revision").matches("[a-z0-9-]+");
        assertThat(rollback).hasSizeLessThanOrEqualTo(63).endsWith(".rollback").isNotEqualTo(step);
        assertThat(RunSequencer.jobName("r", "x", JobRole.ROLLBACK)).as("never the Job of a step named x-rollback")
                .isNotEqualTo(RunSequencer.jobName("r", "x-rollback", JobRole.STEP));
        assertThat(RunSequencer.jobName("short", "a", JobRole.STEP)).isEqualTo("short-a");
        assertThat(RunSequencer.jobName(longRun + "x", "a", JobRole.STEP)).isNotEqualTo(RunSequencer.jobName(longRun, "a", JobRole.STEP));
    }

    @Test
    void verificationIsPolledOftenEnoughToSeeABreak() {
        assertThat(RunSequencer.pollInterval(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RunSequencer.pollInterval(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
        assertThat(RunSequencer.pollInterval(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(10));
    }
}
