package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationPolicySpec {

    @JsonPropertyDescription("What the policy is for.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @Required
    @Size(min = 1, max = 10)
    @JsonPropertyDescription("Levels in order: level 1 is notified when the incident opens; each next level when the previous level's delay passed without an acknowledgement.")
    private List<EscalationLevel> levels = new ArrayList<>();

    @Default("0")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How many times the whole chain starts over at level 1 after the last level's delay passed unacknowledged. Default 0.")
    private Integer repeat = 0;

    @JsonPropertyDescription("Support hours: incidents of the severities named there page only within its windows; outside them the incident is recorded "
            + "and its first page waits for the next window to open. Other severities always page at once.")
    private SupportHours supportHours;

    @JsonPropertyDescription("Correlation across rules: a rule's new alert whose incident would use this policy, and whose labels match an "
            + "incident of another rule opened under it within the window, is attached to that incident instead of paging again. Off when omitted.")
    private Correlation correlation;

    @JsonPropertyDescription("Notified when a SEV1 or SEV2 incident opens (or is raised to SEV1/SEV2), as the severity matrix requires executive notification for those.")
    private EscalationTargets executives;

    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public List<EscalationLevel> getLevels() { return levels; }
    public void setLevels(List<EscalationLevel> levels) { this.levels = levels; }
    public Integer getRepeat() { return repeat; }
    public void setRepeat(Integer repeat) { this.repeat = repeat; }
    public EscalationTargets getExecutives() { return executives; }
    public void setExecutives(EscalationTargets executives) { this.executives = executives; }
    public Correlation getCorrelation() { return correlation; }
    public void setCorrelation(Correlation correlation) { this.correlation = correlation; }
    public SupportHours getSupportHours() { return supportHours; }
    public void setSupportHours(SupportHours supportHours) { this.supportHours = supportHours; }
}
