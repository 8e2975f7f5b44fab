package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A literal environment variable for a step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepEnvVar {

    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
    @JsonPropertyDescription("Variable name. Names starting with KLAXON_ are reserved for incident data.")
    @Size(max = KlaxonApi.MAX_LABEL_NAME)
    private String name;

    @JsonPropertyDescription("Variable value.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String value;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
}
