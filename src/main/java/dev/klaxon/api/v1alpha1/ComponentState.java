package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
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

    @JsonPropertyDescription("With spec sloRef: the objective (percent) its daily SLI is measured against.")
    private Double objective;

    @Size(max = 90)
    @JsonPropertyDescription("With spec sloRef: the objective's dailySli, newest first (up to 90 days, percent of good events).")
    private List<Double> dailySli;

    @Size(max = 10)
    @Pattern(KlaxonApi.DAY_PATTERN)
    @JsonPropertyDescription("With spec sloRef: the UTC day (YYYY-MM-DD) of dailySli's first value.")
    private String dailySliThrough;

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
    public Double getObjective() { return objective; }
    public void setObjective(Double objective) { this.objective = objective; }
    public List<Double> getDailySli() { return dailySli; }
    public void setDailySli(List<Double> dailySli) { this.dailySli = dailySli; }
    public String getDailySliThrough() { return dailySliThrough; }
    public void setDailySliThrough(String dailySliThrough) { this.dailySliThrough = dailySliThrough; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentState other && Objects.equals(id, other.id) && status == other.status
                && Objects.equals(since, other.since) && Objects.equals(cause, other.cause) && Objects.equals(objective, other.objective)
                && Objects.equals(dailySli, other.dailySli) && Objects.equals(dailySliThrough, other.dailySliThrough);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, since, cause, objective, dailySli, dailySliThrough);
    }
}
