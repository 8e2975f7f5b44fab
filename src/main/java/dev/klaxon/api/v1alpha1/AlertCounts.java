package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many of a rule's alerts are in each state: all of them, also when status.alerts lists only some. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertCounts {

    @Min(0)
    @Max(10000000)
    @JsonPropertyDescription("Alerts firing.")
    private Integer firing;

    @Min(0)
    @Max(10000000)
    @JsonPropertyDescription("Alerts pending (their conditions hold, not yet for 'for').")
    private Integer pending;

    @Min(0)
    @Max(10000000)
    @JsonPropertyDescription("Alerts that stopped firing and wait for autoResolve.after before their incident resolves.")
    private Integer inactive;

    @Min(0)
    @Max(10000000)
    @JsonPropertyDescription("Alerts not listed in status.alerts, which is bounded in bytes (firing first, then pending, newest first).")
    private Integer omitted;

    public AlertCounts() {
    }

    public AlertCounts(int firing, int pending, int inactive, int omitted) {
        this.firing = firing;
        this.pending = pending;
        this.inactive = inactive;
        this.omitted = omitted;
    }

    public Integer getFiring() { return firing; }
    public void setFiring(Integer firing) { this.firing = firing; }
    public Integer getPending() { return pending; }
    public void setPending(Integer pending) { this.pending = pending; }
    public Integer getInactive() { return inactive; }
    public void setInactive(Integer inactive) { this.inactive = inactive; }
    public Integer getOmitted() { return omitted; }
    public void setOmitted(Integer omitted) { this.omitted = omitted; }
}
