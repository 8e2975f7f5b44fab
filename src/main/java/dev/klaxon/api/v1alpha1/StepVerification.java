package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A PromQL condition that decides whether a step worked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepVerification {

    @Required
    @JsonPropertyDescription("The PromQL query, evaluated as an instant query.")
    @Size(max = KlaxonApi.MAX_QUERY)
    private String query;

    @Required
    @JsonPropertyDescription("How the value is compared with threshold: gt, gte, lt, lte, eq, ne.")
    private ComparisonOperator operator;

    @Required
    @JsonPropertyDescription("The number the value is compared with.")
    private Double threshold;

    @JsonProperty("for")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long the condition must hold after the step finished. Default 0: once.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String forDuration;

    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public ComparisonOperator getOperator() { return operator; }
    public void setOperator(ComparisonOperator operator) { this.operator = operator; }
    public Double getThreshold() { return threshold; }
    public void setThreshold(Double threshold) { this.threshold = threshold; }
    public String getForDuration() { return forDuration; }
    public void setForDuration(String forDuration) { this.forDuration = forDuration; }
}
