package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One PromQL condition of an AlertRule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type == 'Absence' || (has(self.operator) && has(self.threshold))",
        message = "operator and threshold are required unless type is Absence", reason = "FieldValueRequired")
@ValidationRule(value = "!(self.type in ['RateOfChange', 'Anomaly']) || has(self.window)",
        message = "window is required for type RateOfChange and Anomaly", fieldPath = ".window", reason = "FieldValueRequired")
public class AlertCondition {

    public enum Type { Threshold, RateOfChange, Absence, Anomaly }

    @Default("Threshold")
    @JsonPropertyDescription("Threshold compares the query value; RateOfChange compares the relative change against the value `window` ago; "
            + "Absence holds while the query returns nothing; Anomaly compares the z-score of the value against mean and stddev over `window`. Default Threshold.")
    private Type type = Type.Threshold;

    @Required
    @Size(min = 1, max = 8192)
    @JsonPropertyDescription("The PromQL query, evaluated as an instant query. Each result series is a candidate alert.")
    private String query;

    @JsonPropertyDescription("How the value is compared with threshold: gt, gte, lt, lte, eq, ne. Required unless type is Absence.")
    private ComparisonOperator operator;

    @JsonPropertyDescription("The number the value (or relative change, or z-score) is compared with. Required unless type is Absence.")
    private Double threshold;

    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("The look-back window for RateOfChange and Anomaly, as a duration (e.g. 10m).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String window;

    public Type getType() { return type; }
    public void setType(Type type) { this.type = type; }
    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public ComparisonOperator getOperator() { return operator; }
    public void setOperator(ComparisonOperator operator) { this.operator = operator; }
    public Double getThreshold() { return threshold; }
    public void setThreshold(Double threshold) { this.threshold = threshold; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
}
