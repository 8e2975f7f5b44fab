package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The review's four times, from the incident record, in seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReviewMetrics {

    @JsonPropertyDescription("From when customers were first affected (spec.impactStartedAt, else detection) to detection.")
    private Long timeToDetectSeconds;

    @JsonPropertyDescription("From detection to the first acknowledgment.")
    private Long timeToRespondSeconds;

    @JsonPropertyDescription("From detection to resolution.")
    private Long timeToResolveSeconds;

    @JsonPropertyDescription("From when customers were first affected to mitigation (or resolution when never mitigated).")
    private Long customerImpactSeconds;

    public Long getTimeToDetectSeconds() { return timeToDetectSeconds; }
    public void setTimeToDetectSeconds(Long timeToDetectSeconds) { this.timeToDetectSeconds = timeToDetectSeconds; }
    public Long getTimeToRespondSeconds() { return timeToRespondSeconds; }
    public void setTimeToRespondSeconds(Long timeToRespondSeconds) { this.timeToRespondSeconds = timeToRespondSeconds; }
    public Long getTimeToResolveSeconds() { return timeToResolveSeconds; }
    public void setTimeToResolveSeconds(Long timeToResolveSeconds) { this.timeToResolveSeconds = timeToResolveSeconds; }
    public Long getCustomerImpactSeconds() { return customerImpactSeconds; }
    public void setCustomerImpactSeconds(Long customerImpactSeconds) { this.customerImpactSeconds = customerImpactSeconds; }
}
