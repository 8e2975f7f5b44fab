package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A component's status now and since when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentState {

    @JsonPropertyDescription("The component's id.")
    private String id;

    @JsonPropertyDescription("Its status now.")
    private ComponentStatus status;

    @JsonPropertyDescription("Since when it has had this status (RFC 3339).")
    private String since;

    @JsonPropertyDescription("What set it, for the team: the published incidents, or an override (by whom and why); empty when operational.")
    private String cause;

    public ComponentState() {
    }

    public ComponentState(String id, ComponentStatus status, String since, String cause) {
        this.id = id;
        this.status = status;
        this.since = since;
        this.cause = cause;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ComponentStatus getStatus() { return status; }
    public void setStatus(ComponentStatus status) { this.status = status; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public String getCause() { return cause; }
    public void setCause(String cause) { this.cause = cause; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentState other && Objects.equals(id, other.id) && status == other.status
                && Objects.equals(since, other.since) && Objects.equals(cause, other.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, since, cause);
    }
}
