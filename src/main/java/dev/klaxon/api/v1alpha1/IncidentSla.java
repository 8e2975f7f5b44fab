package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An incident's service-level targets, from the severity matrix. Timestamps are RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentSla {

    @JsonPropertyDescription("The incident must be acknowledged by this time.")
    private String responseDueAt;
    @JsonPropertyDescription("The next status update is due by this time.")
    private String nextUpdateDueAt;
    @JsonPropertyDescription("The incident escalates at this time if it is not acknowledged.")
    private String escalateAt;
    @JsonPropertyDescription("Whether a target was missed.")
    private Boolean breached;

    public String getResponseDueAt() { return responseDueAt; }
    public void setResponseDueAt(String responseDueAt) { this.responseDueAt = responseDueAt; }
    public String getNextUpdateDueAt() { return nextUpdateDueAt; }
    public void setNextUpdateDueAt(String nextUpdateDueAt) { this.nextUpdateDueAt = nextUpdateDueAt; }
    public String getEscalateAt() { return escalateAt; }
    public void setEscalateAt(String escalateAt) { this.escalateAt = escalateAt; }
    public Boolean getBreached() { return breached; }
    public void setBreached(Boolean breached) { this.breached = breached; }
}
