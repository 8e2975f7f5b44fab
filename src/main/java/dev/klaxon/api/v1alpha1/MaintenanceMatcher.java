package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One condition on an alert. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.target != 'label' || has(self.name)", message = "a label matcher needs spec.matchers[].name, the label",
        fieldPath = ".name")
public class MaintenanceMatcher {

    /** What a matcher looks at. */
    public enum Target {
        /** An alert label (name says which). */
        @JsonProperty("label") LABEL,
        /** The AlertRule's name. */
        @JsonProperty("rule") RULE,
        /** The services the rule's incidents affect (spec.incident.affectedServices): any of them. */
        @JsonProperty("service") SERVICE
    }

    /** Alertmanager's four operators. */
    public enum Operator {
        @JsonProperty("=") EQUAL,
        @JsonProperty("!=") NOT_EQUAL,
        @JsonProperty("=~") MATCHES,
        @JsonProperty("!~") NOT_MATCHES;

        public boolean isRegex() {
            return this == MATCHES || this == NOT_MATCHES;
        }

        public boolean isNegative() {
            return this == NOT_EQUAL || this == NOT_MATCHES;
        }
    }

    // Not "on": YAML 1.1 readers (kubectl, helm) take the key on for the boolean true.
    @Default("label")
    @JsonPropertyDescription("label (an alert label, named by name), rule (the AlertRule's name) or service (any affected service of the rule's incidents).")
    private Target target = Target.LABEL;

    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @JsonPropertyDescription("The label, for target: label.")
    @Size(max = KlaxonApi.MAX_LABEL_NAME)
    private String name;

    @Default("=")
    @JsonPropertyDescription("=, !=, =~ or !~ (regular expressions are anchored at both ends, as in Alertmanager).")
    private Operator operator = Operator.EQUAL;

    @Required
    @Size(max = 1024)
    @JsonPropertyDescription("The value, or the regular expression.")
    private String value;

    public MaintenanceMatcher() {
    }

    public MaintenanceMatcher(Target target, String name, Operator operator, String value) {
        this.target = target;
        this.name = name;
        this.operator = operator;
        this.value = value;
    }

    public Target getTarget() { return target; }
    public void setTarget(Target target) { this.target = target; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Operator getOperator() { return operator; }
    public void setOperator(Operator operator) { this.operator = operator; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
}
