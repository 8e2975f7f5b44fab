package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A playbook run for an incident, as the incident last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookRunSummary {

    @JsonPropertyDescription("Name of the PlaybookRun.")
    private String name;
    @JsonPropertyDescription("UID of the PlaybookRun: a new run under an old name starts a new record.")
    private String uid;
    @JsonPropertyDescription("Name of the Playbook it runs.")
    private String playbook;
    @JsonPropertyDescription("The run's phase.")
    private String phase;
    @JsonPropertyDescription("The step running or waiting.")
    private String currentStep;
    @Min(0)
    @Max(100000)
    @JsonPropertyDescription("How many of the run's transitions are already in this incident's timeline.")
    private Integer recordedTransitions;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUid() { return uid; }
    public void setUid(String uid) { this.uid = uid; }
    public String getPlaybook() { return playbook; }
    public void setPlaybook(String playbook) { this.playbook = playbook; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getCurrentStep() { return currentStep; }
    public void setCurrentStep(String currentStep) { this.currentStep = currentStep; }
    public Integer getRecordedTransitions() { return recordedTransitions; }
    public void setRecordedTransitions(Integer recordedTransitions) { this.recordedTransitions = recordedTransitions; }
}
