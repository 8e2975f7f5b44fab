package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** When an incident resolves itself after its alert stops firing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoResolve {

    @Default("true")
    @JsonPropertyDescription("Whether the incident moves to Resolved by itself once the alert has stopped firing for `after`. Default true.")
    private Boolean enabled = Boolean.TRUE;

    @Default("5m")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long the alert must have stopped firing before the incident resolves. Default 5m.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String after = "5m";

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getAfter() { return after; }
    public void setAfter(String after) { this.after = after; }
}
