package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A component's status set by a person, with who and why: it wins over what incidents say until removed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentOverride {

    @Required
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("The id of the component.")
    private String component;

    @Required
    @JsonPropertyDescription("The status to show: operational, maintenance, degraded, partial_outage or major_outage.")
    private ComponentStatus status;

    @Required
    @Size(min = 1, max = 500)
    @JsonPropertyDescription("Why, for the team (not shown publicly).")
    private String reason;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Who set it.")
    private String by;

    public String getComponent() { return component; }
    public void setComponent(String component) { this.component = component; }
    public ComponentStatus getStatus() { return status; }
    public void setStatus(ComponentStatus status) { this.status = status; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getBy() { return by; }
    public void setBy(String by) { this.by = by; }
}
