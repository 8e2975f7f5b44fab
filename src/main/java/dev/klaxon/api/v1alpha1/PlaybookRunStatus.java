package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Progress of a PlaybookRun. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookRunStatus extends KlaxonStatus {

    public enum Phase { Pending, Running, WaitingForApproval, Succeeded, Failed, RolledBack, Cancelled }

    @JsonPropertyDescription("Pending, Running, WaitingForApproval, Succeeded, Failed, RolledBack or Cancelled.")
    private Phase phase;

    @JsonPropertyDescription("Name of the step running or waiting now.")
    private String currentStep;

    @JsonPropertyDescription("Each step's progress, in playbook order.")
    private List<StepStatus> steps = new ArrayList<>();

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getCurrentStep() { return currentStep; }
    public void setCurrentStep(String currentStep) { this.currentStep = currentStep; }
    public List<StepStatus> getSteps() { return steps; }
    public void setSteps(List<StepStatus> steps) { this.steps = steps; }
}
