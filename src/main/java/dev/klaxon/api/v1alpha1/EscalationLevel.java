package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One level of an escalation policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationLevel {

    @Default("5m")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long this level has to acknowledge before the next level is notified. Default 5m.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String delay = "5m";

    @Required
    @JsonPropertyDescription("Who this level notifies.")
    private EscalationTargets targets;

    @Size(max = 5)
    @JsonPropertyDescription("Channels that carry this level's page when one of its own channels could not deliver it (after its retries, or at once on a "
            + "permanent error), while nobody has acknowledged.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> fallbackChannels;

    public List<String> getFallbackChannels() { return fallbackChannels; }
    public void setFallbackChannels(List<String> fallbackChannels) { this.fallbackChannels = fallbackChannels; }

    public String getDelay() { return delay; }
    public void setDelay(String delay) { this.delay = delay; }
    public EscalationTargets getTargets() { return targets; }
    public void setTargets(EscalationTargets targets) { this.targets = targets; }
}
