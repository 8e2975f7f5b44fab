package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Inputs of the severity table, used when an AlertRule's severity is Auto. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Classification {

    @JsonPropertyDescription("PromQL for the error rate as a fraction (0 to 1), per alert.")
    @Size(max = KlaxonApi.MAX_QUERY)
    private String errorRateQuery;

    @JsonPropertyDescription("PromQL for the percentage of users affected (0 to 100), per alert.")
    @Size(max = KlaxonApi.MAX_QUERY)
    private String userImpactPercentQuery;

    @JsonPropertyDescription("PromQL for current latency divided by normal latency (e.g. 5 means five times slower), per alert.")
    @Size(max = KlaxonApi.MAX_QUERY)
    private String latencyMultiplierQuery;

    @JsonPropertyDescription("Whether the alerting service is core functionality (an error rate of 0.25 is then SEV2).")
    private Boolean coreFunctionality;

    @JsonPropertyDescription("Whether the alert is security related (any impact is then SEV1).")
    private Boolean securityRelated;

    public String getErrorRateQuery() { return errorRateQuery; }
    public void setErrorRateQuery(String errorRateQuery) { this.errorRateQuery = errorRateQuery; }
    public String getUserImpactPercentQuery() { return userImpactPercentQuery; }
    public void setUserImpactPercentQuery(String userImpactPercentQuery) { this.userImpactPercentQuery = userImpactPercentQuery; }
    public String getLatencyMultiplierQuery() { return latencyMultiplierQuery; }
    public void setLatencyMultiplierQuery(String latencyMultiplierQuery) { this.latencyMultiplierQuery = latencyMultiplierQuery; }
    public Boolean getCoreFunctionality() { return coreFunctionality; }
    public void setCoreFunctionality(Boolean coreFunctionality) { this.coreFunctionality = coreFunctionality; }
    public Boolean getSecurityRelated() { return securityRelated; }
    public void setSecurityRelated(Boolean securityRelated) { this.securityRelated = securityRelated; }
}
