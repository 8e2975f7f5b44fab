package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** CPU and memory of a step's container: what Kubernetes reserves for it and the most it may use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepResources {

    @JsonPropertyDescription("What the scheduler reserves for the container.")
    private ResourceAmounts requests;

    @JsonPropertyDescription("The most the container may use: past the memory limit it is killed, past the CPU limit it is throttled.")
    private ResourceAmounts limits;

    public ResourceAmounts getRequests() { return requests; }
    public void setRequests(ResourceAmounts requests) { this.requests = requests; }
    public ResourceAmounts getLimits() { return limits; }
    public void setLimits(ResourceAmounts limits) { this.limits = limits; }
}
