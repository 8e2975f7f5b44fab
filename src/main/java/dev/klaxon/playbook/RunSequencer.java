package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.api.v1alpha1.StepVerification;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides how a started run moves on: which step Job or rollback Job to create or delete, and
 * every step's phase. It reads the run's spec (approvals, cancel), the playbook snapshot in its
 * status and what the reconciler observed of the Jobs; it writes only the status it is given.
 * Plain, with the time passed in, so every path is unit-tested without a cluster.
 *
 * <p>A step moves Pending → (WaitingForApproval →) Running → (Verifying →) Succeeded, or on
 * failure → (RollingBack → RolledBack) or Failed. Each move is appended to
 * {@code status.transitions}, which the incident copies into its timeline.
 */
final class RunSequencer {

    enum JobRole {
        STEP("step"), ROLLBACK("rollback");

        final String label;

        JobRole(String label) {
            this.label = label;
        }
    }

    sealed interface Action permits CreateJob, DeleteJob {
    }

    record CreateJob(int step, JobRole role, String name) implements Action {
    }

    /** Delete the Job of this name, if it is still the one of this UID (the one the run created). */
    record DeleteJob(String name, String uid) implements Action {
    }

    /** What a Job came to, as far as the run cares. */
    record JobState(Outcome outcome, String message) {
        /**
         * FAILED: the step ran and failed (its rollback runs). NOT_CREATED: the operator could not
         * create the Job, and STUCK: its pod cannot start — in both the step never ran, so there is
         * nothing to roll back; a STUCK Job is deleted.
         */
        enum Outcome { RUNNING, SUCCEEDED, FAILED, NOT_CREATED, STUCK, MISSING }

        static final JobState RUNNING = new JobState(Outcome.RUNNING, "running");
        static final JobState MISSING = new JobState(Outcome.MISSING, "the Job was deleted before it finished");

        static JobState succeeded() {
            return new JobState(Outcome.SUCCEEDED, "succeeded");
        }

        static JobState failed(String message) {
            return new JobState(Outcome.FAILED, message);
        }

        static JobState notCreated(String message) {
            return new JobState(Outcome.NOT_CREATED, message);
        }

        /** The Job of the step's name is not the one the run created (another UID): its own was deleted. */
        static JobState replaced(String name) {
            return new JobState(Outcome.MISSING, "Job " + name + " is not the Job this run created (its UID differs): "
                    + "the step's own Job was deleted before it finished");
        }

        static JobState stuck(String message) {
            return new JobState(Outcome.STUCK, message);
        }
    }

    /** One evaluation of a step's verification query. */
    record VerificationResult(boolean holds, String detail) {
    }

    /** Whether an approval counts, beyond what the run itself says; the reconciler asks the API server. */
    interface ApproverCheck {
        /** Empty when the approval counts, else why not; {@code named}: the playbook's approvers list this user. */
        Optional<String> refusal(StepApproval approval, boolean named);
    }

    /**
     * What approvals can be trusted: {@code notEnforced} says why none can (the API server would
     * accept a forged one), and {@code check} judges each approver.
     */
    record Approvals(Optional<String> notEnforced, ApproverCheck check) {
    }

    /** Jobs by name, the verification result when the current step is Verifying, and how to judge approvals. */
    record Observed(Map<String, JobState> jobs, Optional<VerificationResult> verification, Approvals approvals) {
    }

    /** Something people should know that is not a move, e.g. an approval that does not count. */
    record Warning(EventReason reason, String message) {
    }

    record Result(List<Action> actions, List<Warning> warnings, Optional<Duration> recheckAfter) {
    }

    private final String run;
    private final PlaybookRunSpec spec;
    private final PlaybookRunStatus status;
    private final PlaybookSpec playbook;
    private final Observed observed;
    private final Instant now;
    private final List<Action> actions = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private Duration recheckAfter;

    private RunSequencer(String run, PlaybookRunSpec spec, PlaybookRunStatus status, Observed observed, Instant now) {
        this.run = run;
        this.spec = spec;
        this.status = status;
        this.playbook = status.getPlaybook();
        this.observed = observed;
        this.now = now;
    }

    /** Freezes the playbook into the run and marks every step Pending. */
    static void start(PlaybookRunStatus status, PlaybookSpec snapshot, String playbookName, Long generation, String requestedBy,
            List<StepApproval> approvalsBeforeStart, Instant now) {
        status.setPlaybook(snapshot);
        status.setPlaybookGeneration(generation);
        status.setSteps(snapshot.getSteps().stream().map(step -> {
            StepStatus s = new StepStatus();
            s.setName(step.getName());
            s.setPhase(StepStatus.Phase.Pending);
            return s;
        }).collect(Collectors.toCollection(ArrayList::new)));
        status.setStartedAt(Timestamps.format(now));
        status.setPhase(PlaybookRunStatus.Phase.Running);
        // Given before anyone could see what the run executes: they do not count (see approver()).
        status.setApprovalsBeforeStart(approvalsBeforeStart.isEmpty() ? null : List.copyOf(approvalsBeforeStart));
        status.getTransitions().add(new RunTransition(Timestamps.format(now), null, PlaybookRunStatus.Phase.Running.name(),
                "started playbook " + playbookName + " (" + snapshot.getSteps().size() + " steps"
                        + (generation != null ? ", generation " + generation : "") + ")" + (requestedBy != null ? " for " + requestedBy : ""),
                requestedBy));
    }

    /** The next moves of a started run; {@code status} is updated in place. */
    static Result advance(String run, PlaybookRunSpec spec, PlaybookRunStatus status, Observed observed, Instant now) {
        return new RunSequencer(run, spec, status, observed, now).advance();
    }

    /** Index of the step the run is at: the first one not done with, or -1 when all are. */
    static int current(PlaybookRunStatus status) {
        for (int i = 0; i < status.getSteps().size(); i++) {
            if (!status.getSteps().get(i).getPhase().isFinal()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Job of a step, or of its rollback: named after run and step, within the 63 characters of
     * a label value. A rollback ends in ".rollback": step names cannot contain '.', so a step named
     * "x-rollback" never gets the rollback Job of step "x".
     */
    static String jobName(String run, String step, JobRole role) {
        return KubernetesNames.join(run, role == JobRole.ROLLBACK ? step + ".rollback" : step, KubernetesNames.LABEL_MAX);
    }

    private Result advance() {
        if (status.getPhase().isFinal()) {
            return result();
        }
        if (Boolean.TRUE.equals(spec.getCancel())) {
            cancel();
            return result();
        }
        while (!status.getPhase().isFinal()) {
            int i = current(status);
            if (i < 0) {
                finish();
            } else if (!step(i)) {
                break;
            }
        }
        return result();
    }

    /** Moves step {@code i} on; true when it is done with and the run may go to the next one. */
    private boolean step(int i) {
        StepStatus step = status.getSteps().get(i);
        PlaybookStep definition = playbook.getSteps().get(i);
        status.setCurrentStep(step.getName());
        return switch (step.getPhase()) {
            case Pending, WaitingForApproval -> startOrWait(i, step, definition);
            case Running -> running(i, step, definition);
            case Verifying -> verifying(i, step, definition);
            case RollingBack -> rollingBack(step, definition);
            default -> throw new IllegalStateException("step " + step.getName() + " is " + step.getPhase());
        };
    }

    private boolean startOrWait(int i, StepStatus step, PlaybookStep definition) {
        String approvedBy = null;
        if (Boolean.TRUE.equals(definition.getRequiresApproval())) {
            Optional<String> notEnforced = observed.approvals().notEnforced();
            approvedBy = notEnforced.isPresent() ? null : approver(step);
            if (approvedBy == null) {
                if (step.getPhase() != StepStatus.Phase.WaitingForApproval) {
                    step.setPhase(StepStatus.Phase.WaitingForApproval);
                    step.setWaitingSince(Timestamps.format(now));
                    move(step, "waiting for approval" + approversText(), KlaxonApi.OPERATOR_AUTHOR);
                }
                // Fail closed: where a forged approval would pass admission, none counts.
                notEnforced.map(why -> "no approval counts here: " + why).ifPresent(step::setMessage);
                status.setPhase(PlaybookRunStatus.Phase.WaitingForApproval);
                return false;
            }
        }
        String job = jobName(run, step.getName(), JobRole.STEP);
        step.setApprovedBy(approvedBy);
        step.setJob(job);
        step.setStartedAt(Timestamps.format(now));
        step.setPhase(StepStatus.Phase.Running);
        step.setMessage(null);
        move(step, "started Job " + job + (approvedBy != null ? ", approved by " + approvedBy : ""),
                approvedBy != null ? approvedBy : KlaxonApi.OPERATOR_AUTHOR);
        actions.add(new CreateJob(i, JobRole.STEP, job));
        status.setPhase(PlaybookRunStatus.Phase.Running);
        return false;
    }

    /**
     * The first approval of the step that counts, or null; approvals that do not count are
     * reported once. One counts when it was given after the run started (it approves what the
     * run executes), not by the requester, by one of the playbook's approvers where it names
     * some, and when the API server vouches for the approver (see {@link ApproverCheck}).
     */
    private String approver(StepStatus step) {
        List<String> allowed = playbook.getApprovers() != null && playbook.getApprovers().getUsers() != null
                ? playbook.getApprovers().getUsers() : List.of();
        List<StepApproval> beforeStart = new ArrayList<>(status.getApprovalsBeforeStart() == null
                ? List.of() : status.getApprovalsBeforeStart());
        List<String> ignored = new ArrayList<>();
        String approver = null;
        for (StepApproval approval : spec.getApprovals() == null ? List.<StepApproval>of() : spec.getApprovals()) {
            if (!step.getName().equals(approval.getStep())) {
                continue;
            }
            String user = approval.getApprovedBy();
            Optional<String> refusal;
            if (removeSame(beforeStart, approval)) {
                ignored.add(user + " approved before the run started, without seeing what it runs: approve again");
            } else if (user.equals(spec.getRequestedBy())) {
                ignored.add(user + " requested the run and cannot approve it");
            } else if (!allowed.isEmpty() && !allowed.contains(user)) {
                ignored.add(user + " is not one of the playbook's approvers " + allowed);
            } else if ((refusal = observed.approvals().check().refusal(approval, allowed.contains(user))).isPresent()) {
                ignored.add(refusal.get());
            } else {
                approver = user;
                break;
            }
        }
        if (!ignored.isEmpty()) {
            String message = "approval ignored: " + String.join("; ", ignored);
            if (!message.equals(step.getMessage())) {
                step.setMessage(message);
                warnings.add(new Warning(EventReason.ApprovalIgnored, "step " + step.getName() + ": " + message));
            }
        }
        return approver;
    }

    /** Removes one approval equal to {@code approval} (same step, approver, groups and comment); whether there was one. */
    private static boolean removeSame(List<StepApproval> approvals, StepApproval approval) {
        for (int i = 0; i < approvals.size(); i++) {
            StepApproval other = approvals.get(i);
            if (Objects.equals(other.getStep(), approval.getStep()) && Objects.equals(other.getApprovedBy(), approval.getApprovedBy())
                    && Objects.equals(other.getGroups(), approval.getGroups()) && Objects.equals(other.getComment(), approval.getComment())) {
                approvals.remove(i);
                return true;
            }
        }
        return false;
    }

    private String approversText() {
        if (playbook.getApprovers() == null || playbook.getApprovers().getUsers() == null || playbook.getApprovers().getUsers().isEmpty()) {
            return "";
        }
        return " by one of " + playbook.getApprovers().getUsers();
    }

    private boolean running(int i, StepStatus step, PlaybookStep definition) {
        JobState job = observed.jobs().getOrDefault(step.getJob(), JobState.MISSING);
        switch (job.outcome()) {
            case RUNNING:
                status.setPhase(PlaybookRunStatus.Phase.Running);
                return false;
            case SUCCEEDED:
                if (definition.getVerification() == null) {
                    return succeed(step, "Job " + step.getJob() + " succeeded");
                }
                step.setPhase(StepStatus.Phase.Verifying);
                step.setVerifyUntil(Timestamps.format(now.plus(KlaxonDurations.parse(definition.getTimeout()))));
                move(step, "Job " + step.getJob() + " succeeded; verifying that " + describe(definition.getVerification()),
                        KlaxonApi.OPERATOR_AUTHOR);
                status.setPhase(PlaybookRunStatus.Phase.Running);
                recheckAfter = Duration.ofSeconds(1);
                return false;
            case NOT_CREATED, STUCK:
                if (job.outcome() == JobState.Outcome.STUCK) {
                    actions.add(new DeleteJob(step.getJob(), step.getJobUid()));
                }
                return failWithoutRollback(step, definition, job.message() + " (the step never ran: nothing to roll back)");
            default:
                return fail(i, step, definition, job.message());
        }
    }

    /**
     * The step counts as successful once its query has held for the verification's {@code for}
     * without a break; it fails when that has not happened within the step's timeout of the Job's
     * end (metrics take a while to reflect a change, so a single early miss is not a failure).
     */
    private boolean verifying(int i, StepStatus step, PlaybookStep definition) {
        StepVerification verification = definition.getVerification();
        Duration holdFor = verification.getForDuration() == null ? Duration.ZERO : KlaxonDurations.parse(verification.getForDuration());
        Optional<VerificationResult> result = observed.verification();
        if (result.isPresent()) {
            if (result.get().holds()) {
                if (step.getHoldingSince() == null) {
                    step.setHoldingSince(Timestamps.format(now));
                }
                if (!now.isBefore(Timestamps.parse(step.getHoldingSince()).plus(holdFor))) {
                    return succeed(step, "verified: " + result.get().detail()
                            + (holdFor.isZero() ? "" : " for " + verification.getForDuration()));
                }
            } else {
                step.setHoldingSince(null);
            }
            step.setMessage(result.get().detail());
        }
        if (!now.isBefore(Timestamps.parse(step.getVerifyUntil()))) {
            return fail(i, step, definition, "verification failed: " + describe(verification) + " did not hold"
                    + (holdFor.isZero() ? "" : " for " + verification.getForDuration()) + " within " + definition.getTimeout()
                    + result.map(r -> " (last: " + r.detail() + ")").orElse(""));
        }
        status.setPhase(PlaybookRunStatus.Phase.Running);
        recheckAfter = pollInterval(holdFor);
        return false;
    }

    /** Often enough to see a break in a short hold, rarely enough not to load Prometheus. */
    static Duration pollInterval(Duration holdFor) {
        Duration quarter = holdFor.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : quarter;
    }

    private boolean rollingBack(StepStatus step, PlaybookStep definition) {
        JobState job = observed.jobs().getOrDefault(step.getRollbackJob(), JobState.MISSING);
        switch (job.outcome()) {
            case RUNNING:
                status.setPhase(PlaybookRunStatus.Phase.Running);
                return false;
            case SUCCEEDED:
                step.setPhase(StepStatus.Phase.RolledBack);
                step.setFinishedAt(Timestamps.format(now));
                move(step, "rollback Job " + step.getRollbackJob() + " succeeded", KlaxonApi.OPERATOR_AUTHOR);
                return afterFailure(step, definition);
            default:
                if (job.outcome() == JobState.Outcome.STUCK) {
                    actions.add(new DeleteJob(step.getRollbackJob(), step.getRollbackJobUid()));
                }
                step.setPhase(StepStatus.Phase.Failed);
                step.setFinishedAt(Timestamps.format(now));
                step.setMessage(step.getMessage() + "; rollback failed: " + job.message());
                move(step, "rollback Job " + step.getRollbackJob() + " failed: " + job.message(), KlaxonApi.OPERATOR_AUTHOR);
                return afterFailure(step, definition);
        }
    }

    private boolean succeed(StepStatus step, String message) {
        step.setPhase(StepStatus.Phase.Succeeded);
        step.setFinishedAt(Timestamps.format(now));
        step.setMessage(message);
        move(step, message, KlaxonApi.OPERATOR_AUTHOR);
        return true;
    }

    private boolean fail(int i, StepStatus step, PlaybookStep definition, String message) {
        step.setMessage(message);
        if (definition.getRollback() != null) {
            String job = jobName(run, step.getName(), JobRole.ROLLBACK);
            step.setRollbackJob(job);
            step.setPhase(StepStatus.Phase.RollingBack);
            move(step, "failed: " + message + "; rolling back with Job " + job, KlaxonApi.OPERATOR_AUTHOR);
            actions.add(new CreateJob(i, JobRole.ROLLBACK, job));
            status.setPhase(PlaybookRunStatus.Phase.Running);
            return false;
        }
        return failWithoutRollback(step, definition, message);
    }

    private boolean failWithoutRollback(StepStatus step, PlaybookStep definition, String message) {
        step.setMessage(message);
        step.setPhase(StepStatus.Phase.Failed);
        step.setFinishedAt(Timestamps.format(now));
        move(step, "failed: " + message, KlaxonApi.OPERATOR_AUTHOR);
        return afterFailure(step, definition);
    }

    private boolean afterFailure(StepStatus step, PlaybookStep definition) {
        if (Boolean.TRUE.equals(definition.getContinueOnFailure())) {
            return true;
        }
        skipRemaining("the run ended after step " + step.getName() + " failed");
        boolean rolledBack = step.getPhase() == StepStatus.Phase.RolledBack;
        end(rolledBack ? PlaybookRunStatus.Phase.RolledBack : PlaybookRunStatus.Phase.Failed,
                "step " + step.getName() + " failed: " + step.getMessage() + (rolledBack ? "; its rollback succeeded" : ""), null);
        return false;
    }

    private void finish() {
        List<String> failed = status.getSteps().stream()
                .filter(s -> s.getPhase() == StepStatus.Phase.Failed || s.getPhase() == StepStatus.Phase.RolledBack)
                .map(StepStatus::getName).toList();
        end(PlaybookRunStatus.Phase.Succeeded, failed.isEmpty()
                ? "all " + status.getSteps().size() + " steps succeeded"
                : "finished; these steps failed and the run continued past them (continueOnFailure): " + String.join(", ", failed), null);
    }

    private void cancel() {
        boolean first = true;
        for (StepStatus step : status.getSteps()) {
            if (step.getPhase().isFinal()) {
                continue;
            }
            if (step.getPhase() == StepStatus.Phase.Running) {
                actions.add(new DeleteJob(step.getJob(), step.getJobUid()));
            } else if (step.getPhase() == StepStatus.Phase.RollingBack) {
                actions.add(new DeleteJob(step.getRollbackJob(), step.getRollbackJobUid()));
            }
            step.setFinishedAt(Timestamps.format(now));
            if (first) {
                boolean duringRollback = step.getPhase() == StepStatus.Phase.RollingBack;
                step.setPhase(StepStatus.Phase.Cancelled);
                // A half-done rollback must not hide why the step failed in the first place.
                step.setMessage(duringRollback ? "cancelled during its rollback; it had failed: " + step.getMessage() : "cancelled");
                move(step, "cancelled" + (step.getJob() != null && step.getStartedAt() != null ? "; its Job is being deleted" : ""), null);
                first = false;
            } else {
                step.setPhase(StepStatus.Phase.Skipped);
                move(step, "skipped: the run was cancelled", null);
            }
        }
        end(PlaybookRunStatus.Phase.Cancelled, "cancelled (spec.cancel)", null);
    }

    private void skipRemaining(String why) {
        for (StepStatus step : status.getSteps()) {
            if (!step.getPhase().isFinal()) {
                step.setPhase(StepStatus.Phase.Skipped);
                step.setMessage(why);
                move(step, "skipped: " + why, KlaxonApi.OPERATOR_AUTHOR);
            }
        }
    }

    private void end(PlaybookRunStatus.Phase phase, String message, String author) {
        status.setPhase(phase);
        status.setFinishedAt(Timestamps.format(now));
        status.setCurrentStep(null);
        status.getTransitions().add(new RunTransition(Timestamps.format(now), null, phase.name(), message,
                author != null ? author : KlaxonApi.OPERATOR_AUTHOR));
    }

    private void move(StepStatus step, String message, String author) {
        status.getTransitions().add(new RunTransition(Timestamps.format(now), step.getName(), step.getPhase().name(), message, author));
    }

    static String describe(StepVerification verification) {
        return verification.getQuery() + " " + verification.getOperator() + " " + verification.getThreshold();
    }

    private Result result() {
        return new Result(List.copyOf(actions), List.copyOf(warnings), Optional.ofNullable(recheckAfter));
    }
}
