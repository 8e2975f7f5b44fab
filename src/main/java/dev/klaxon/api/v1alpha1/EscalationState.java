package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where an incident's escalation stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationState {

    @JsonPropertyDescription("Name of the EscalationPolicy in use.")
    private String policy;
    @JsonPropertyDescription("The level notified last (1 is the first).")
    private Integer level;
    @JsonPropertyDescription("When that level was notified (RFC 3339).")
    private String lastNotifiedAt;

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public Integer getLevel() { return level; }
    public void setLevel(Integer level) { this.level = level; }
    public String getLastNotifiedAt() { return lastNotifiedAt; }
    public void setLastNotifiedAt(String lastNotifiedAt) { this.lastNotifiedAt = lastNotifiedAt; }
}
