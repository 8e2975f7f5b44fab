package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Where an incident's escalation stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationState {

    @JsonPropertyDescription("Name of the EscalationPolicy in use.")
    private String policy;
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("The level notified last (1 is the first).")
    private Integer level;
    @Min(0)
    @Max(11)
    @JsonPropertyDescription("The round the level belongs to: 0 the first pass through the levels, 1 the first repeat, and so on.")
    private Integer round;
    @JsonPropertyDescription("When the levels of this round started counting, when later than the round itself: paging was deferred by the rule's incident.maxPagedIncidentsPerHour (RFC 3339).")
    private String startedAt;
    @JsonPropertyDescription("How many seconds earlier than the round's start (or startedAt) the levels count from: each Escalate now moved them on by "
            + "what was left of a level's delay; negative when another policy took over mid-round and counts from then.")
    private Long advancedSeconds;
    @JsonPropertyDescription("When the last Escalate now request that moved the escalation was asked (its spec.escalateNow.requestedAt): a request acts once.")
    private String escalatedNowAt;
    @JsonPropertyDescription("When that level was notified (RFC 3339).")
    private String lastNotifiedAt;
    @JsonPropertyDescription("When the next level is due, while nobody has acknowledged (RFC 3339).")
    private String nextAt;
    @JsonPropertyDescription("When this round's escalation runs out, the last level's delay after the last repeat, while nobody has acknowledged (RFC 3339); "
            + "links in its pages work until then.")
    private String endsAt;
    @JsonPropertyDescription("Why the escalation stopped: acknowledged, resolved, or the policy was exhausted.")
    private String stopped;
    @JsonPropertyDescription("Whether the executives of a SEV1/SEV2 incident were notified.")
    private Boolean executivesNotified;

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public Integer getLevel() { return level; }
    public void setLevel(Integer level) { this.level = level; }
    public Integer getRound() { return round; }
    public void setRound(Integer round) { this.round = round; }
    public String getNextAt() { return nextAt; }
    public void setNextAt(String nextAt) { this.nextAt = nextAt; }
    public String getEscalatedNowAt() { return escalatedNowAt; }
    public void setEscalatedNowAt(String escalatedNowAt) { this.escalatedNowAt = escalatedNowAt; }
    public Long getAdvancedSeconds() { return advancedSeconds; }
    public void setAdvancedSeconds(Long advancedSeconds) { this.advancedSeconds = advancedSeconds; }
    public String getEndsAt() { return endsAt; }
    public void setEndsAt(String endsAt) { this.endsAt = endsAt; }
    public String getStopped() { return stopped; }
    public void setStopped(String stopped) { this.stopped = stopped; }
    public Boolean getExecutivesNotified() { return executivesNotified; }
    public void setExecutivesNotified(Boolean executivesNotified) { this.executivesNotified = executivesNotified; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getLastNotifiedAt() { return lastNotifiedAt; }
    public void setLastNotifiedAt(String lastNotifiedAt) { this.lastNotifiedAt = lastNotifiedAt; }
}
