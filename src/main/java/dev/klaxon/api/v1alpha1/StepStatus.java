package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of one step of a run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {

    public enum Phase {
        Pending, WaitingForApproval, Running, Verifying, Succeeded, Failed, RollingBack, RolledBack, Skipped, Cancelled;

        /** Whether the step is done with: the run moves on (or ends) from here. */
        public boolean isFinal() {
            return this == Succeeded || this == Failed || this == RolledBack || this == Skipped || this == Cancelled;
        }
    }

    @JsonPropertyDescription("Step name.")
    private String name;
    @JsonPropertyDescription("Pending, WaitingForApproval, Running, Verifying (the Job succeeded; waiting for the verification query to hold), Succeeded, Failed, RollingBack, RolledBack, Skipped or Cancelled.")
    private Phase phase;
    @JsonPropertyDescription("Name of the step's Job.")
    private String job;
    @JsonPropertyDescription("UID of the step's Job as the operator created it: only that Job is observed or deleted as the step's.")
    private String jobUid;
    @JsonPropertyDescription("When the step's Job was created (RFC 3339).")
    private String startedAt;
    @JsonPropertyDescription("When the step finished (RFC 3339).")
    private String finishedAt;
    @JsonPropertyDescription("Since when the step has waited for an approval (RFC 3339).")
    private String waitingSince;
    @JsonPropertyDescription("Who approved the step, for gated steps.")
    private String approvedBy;
    @JsonPropertyDescription("Until when the verification query may take to hold for its 'for' duration (RFC 3339): the Job's end plus the step timeout.")
    private String verifyUntil;
    @JsonPropertyDescription("Since when the verification query has held without a break (RFC 3339).")
    private String holdingSince;
    @JsonPropertyDescription("Name of the rollback's Job, once the step failed and has a rollback.")
    private String rollbackJob;
    @JsonPropertyDescription("UID of the rollback's Job as the operator created it.")
    private String rollbackJobUid;
    @JsonPropertyDescription("Details, e.g. why the step failed.")
    private String message;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getFinishedAt() { return finishedAt; }
    public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
    public String getApprovedBy() { return approvedBy; }
    public void setApprovedBy(String approvedBy) { this.approvedBy = approvedBy; }
    public String getWaitingSince() { return waitingSince; }
    public void setWaitingSince(String waitingSince) { this.waitingSince = waitingSince; }
    public String getVerifyUntil() { return verifyUntil; }
    public void setVerifyUntil(String verifyUntil) { this.verifyUntil = verifyUntil; }
    public String getHoldingSince() { return holdingSince; }
    public void setHoldingSince(String holdingSince) { this.holdingSince = holdingSince; }
    public String getRollbackJob() { return rollbackJob; }
    public void setRollbackJob(String rollbackJob) { this.rollbackJob = rollbackJob; }
    public String getJobUid() { return jobUid; }
    public void setJobUid(String jobUid) { this.jobUid = jobUid; }
    public String getRollbackJobUid() { return rollbackJobUid; }
    public void setRollbackJobUid(String rollbackJobUid) { this.rollbackJobUid = rollbackJobUid; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
}
