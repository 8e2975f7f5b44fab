package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident per service and window for a policy: incidents from different rules with the same
 * values of the named labels, opened within the window of the first, become that first incident
 * (the later alerts are listed on it) instead of paging again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Correlation {

    /** The window when none is given. */
    public static final String DEFAULT_WINDOW = "15m";

    @Required
    @Size(min = 1, max = 5)
    @JsonPropertyDescription("The labels that name what incidents are about, e.g. [service] or [service, region]: two incidents correlate when "
            + "both have every one of them, with the same values.")
    private List<@Size(min = 1, max = 63) String> labels = new ArrayList<>();

    @Pattern(Durations.PATTERN)
    @Size(max = 32)
    @JsonPropertyDescription("How long after the first incident later alerts still join it, at most 24h; default 15m. Once joined, an alert stays "
            + "with that incident until it resolves.")
    private String window;

    public List<String> getLabels() { return labels; }
    public void setLabels(List<String> labels) { this.labels = labels; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
}
