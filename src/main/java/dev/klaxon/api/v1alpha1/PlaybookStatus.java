package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What the operator observed about a Playbook. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookStatus extends KlaxonStatus {

    @Min(0)
    @Max(50)
    @JsonPropertyDescription("Number of steps in the observed spec (shown by kubectl get playbooks).")
    private Integer stepCount;

    public Integer getStepCount() { return stepCount; }
    public void setStepCount(Integer stepCount) { this.stepCount = stepCount; }
}
