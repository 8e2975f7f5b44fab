package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of one step of a run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {

    public enum Phase { Pending, WaitingForApproval, Running, Succeeded, Failed, RollingBack, RolledBack, Skipped, Cancelled }

    @JsonPropertyDescription("Step name.")
    private String name;
    @JsonPropertyDescription("Pending, WaitingForApproval, Running, Succeeded, Failed, RollingBack, RolledBack, Skipped or Cancelled.")
    private Phase phase;
    @JsonPropertyDescription("Name of the step's Job.")
    private String job;
    @JsonPropertyDescription("When the step's Job was created (RFC 3339).")
    private String startedAt;
    @JsonPropertyDescription("When the step finished (RFC 3339).")
    private String finishedAt;
    @JsonPropertyDescription("Who approved the step, for gated steps.")
    private String approvedBy;
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
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
}
