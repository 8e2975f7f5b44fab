package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** An incident's service-level targets, from the severity matrix. Timestamps are RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentSla {

    @JsonPropertyDescription("The incident must be acknowledged by this time.")
    private String responseDueAt;
    @JsonPropertyDescription("The next status update is due by this time.")
    private String nextUpdateDueAt;
    @JsonPropertyDescription("The incident escalates at this time if it is not acknowledged.")
    private String escalateAt;
    @JsonPropertyDescription("Whether the response target of the current round was missed.")
    private Boolean breached;
    @Min(0)
    @Max(1000000)
    @JsonPropertyDescription("How many rounds missed their response target (a reopen starts a new round with new targets).")
    private Integer breaches;

    public String getResponseDueAt() { return responseDueAt; }
    public void setResponseDueAt(String responseDueAt) { this.responseDueAt = responseDueAt; }
    public String getNextUpdateDueAt() { return nextUpdateDueAt; }
    public void setNextUpdateDueAt(String nextUpdateDueAt) { this.nextUpdateDueAt = nextUpdateDueAt; }
    public String getEscalateAt() { return escalateAt; }
    public void setEscalateAt(String escalateAt) { this.escalateAt = escalateAt; }
    public Integer getBreaches() { return breaches; }
    public void setBreaches(Integer breaches) { this.breaches = breaches; }
    public Boolean getBreached() { return breached; }
    public void setBreached(Boolean breached) { this.breached = breached; }
}
