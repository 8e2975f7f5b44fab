package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A person's request to page the next escalation level now rather than when the level they were
 * paged at runs out (the "Escalate now" link of a page). It names the step it escalates from, so
 * it acts once: when the escalation has moved past that step, it is spent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationRequest {

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("The EscalationPolicy whose level paged the person asking; a request for another policy than the incident's now is spent.")
    private String policy;

    @Required
    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @Size(max = KlaxonApi.MAX_TIME)
    @JsonPropertyDescription("When it was asked (RFC 3339): what makes it one request; once it moved the escalation, status.escalation.escalatedNowAt says so.")
    private String requestedAt;

    @Required
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("The incident's response round the request is for (status.round, 1 until it is reopened).")
    private Integer round;

    @Min(0)
    @Max(11)
    @JsonPropertyDescription("The escalation repeat that paged the person asking (status.escalation.round; 0 the first pass).")
    private Integer repeat = 0;

    @Required
    @Min(1)
    @Max(10)
    @JsonPropertyDescription("The escalation level that paged the person asking (status.escalation.level).")
    private Integer level;

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Who asks, as the timeline names them.")
    private String by;

    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("How they asked, for the timeline (e.g. from a page link).")
    private String via;

    public String getRequestedAt() { return requestedAt; }
    public void setRequestedAt(String requestedAt) { this.requestedAt = requestedAt; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public Integer getRound() { return round; }
    public void setRound(Integer round) { this.round = round; }
    public Integer getRepeat() { return repeat; }
    public void setRepeat(Integer repeat) { this.repeat = repeat; }
    public Integer getLevel() { return level; }
    public void setLevel(Integer level) { this.level = level; }
    public String getBy() { return by; }
    public void setBy(String by) { this.by = by; }
    public String getVia() { return via; }
    public void setVia(String via) { this.via = via; }
}
