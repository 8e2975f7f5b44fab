package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Progress of a PlaybookRun. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookRunStatus extends KlaxonStatus {

    public enum Phase {
        Pending, Running, WaitingForApproval, Succeeded, Failed, RolledBack, Cancelled;

        public boolean isFinal() {
            return this == Succeeded || this == Failed || this == RolledBack || this == Cancelled;
        }
    }

    @JsonPropertyDescription("Pending (not started: see the Ready condition), Running, WaitingForApproval, Succeeded, Failed, RolledBack (a step failed and its rollback succeeded) or Cancelled.")
    private Phase phase;

    @JsonPropertyDescription("Name of the step running or waiting now.")
    private String currentStep;

    @JsonPropertyDescription("Finished steps of all steps, e.g. 2/3.")
    private String progress;

    @JsonPropertyDescription("When the run started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When the run ended (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("The metadata.generation of the Playbook when the run started.")
    private Long playbookGeneration;

    @JsonPropertyDescription("The Playbook's spec as it was when the run started. The run executes this copy, so editing the Playbook changes nothing for runs already started.")
    private PlaybookSpec playbook;

    @JsonPropertyDescription("The approvals spec.approvals held when the run started. They do not count: they were given before anyone could see what the run executes.")
    private List<StepApproval> approvalsBeforeStart;

    @JsonPropertyDescription("HMAC-SHA256 (hex) of what the run executes and the Jobs it created, keyed with a secret only the operator holds. A status changed by anyone else no longer matches it, and the run stops (Ready=False StatusTampered).")
    private String seal;

    @JsonPropertyDescription("Each step's progress, in playbook order.")
    private List<StepStatus> steps = new ArrayList<>();

    @JsonPropertyDescription("Every move of the run and its steps, oldest first; append-only.")
    private List<RunTransition> transitions = new ArrayList<>();

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getCurrentStep() { return currentStep; }
    public void setCurrentStep(String currentStep) { this.currentStep = currentStep; }
    public String getProgress() { return progress; }
    public void setProgress(String progress) { this.progress = progress; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getFinishedAt() { return finishedAt; }
    public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
    public Long getPlaybookGeneration() { return playbookGeneration; }
    public void setPlaybookGeneration(Long playbookGeneration) { this.playbookGeneration = playbookGeneration; }
    public PlaybookSpec getPlaybook() { return playbook; }
    public void setPlaybook(PlaybookSpec playbook) { this.playbook = playbook; }
    public List<StepApproval> getApprovalsBeforeStart() { return approvalsBeforeStart; }
    public void setApprovalsBeforeStart(List<StepApproval> approvalsBeforeStart) { this.approvalsBeforeStart = approvalsBeforeStart; }
    public String getSeal() { return seal; }
    public void setSeal(String seal) { this.seal = seal; }
    public List<StepStatus> getSteps() { return steps; }
    public void setSteps(List<StepStatus> steps) { this.steps = steps; }
    public List<RunTransition> getTransitions() { return transitions; }
    public void setTransitions(List<RunTransition> transitions) { this.transitions = transitions; }
}
