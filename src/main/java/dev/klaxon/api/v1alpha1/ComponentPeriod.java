package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A time a component was not operational: the unit of its uptime history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentPeriod {

    @JsonPropertyDescription("The component's id.")
    private String component;

    @JsonPropertyDescription("Its status in this period (never operational).")
    private ComponentStatus status;

    @JsonPropertyDescription("When the period began (RFC 3339).")
    private String from;

    @JsonPropertyDescription("When it ended (RFC 3339); empty while it lasts.")
    private String to;

    public ComponentPeriod() {
    }

    public ComponentPeriod(String component, ComponentStatus status, String from, String to) {
        this.component = component;
        this.status = status;
        this.from = from;
        this.to = to;
    }

    public String getComponent() { return component; }
    public void setComponent(String component) { this.component = component; }
    public ComponentStatus getStatus() { return status; }
    public void setStatus(ComponentStatus status) { this.status = status; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
}
