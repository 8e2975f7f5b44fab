package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What people write in a review; the operator prefills the rest (status) from the incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.phase != 'scheduled' || has(self.scheduledDate)",
        message = "a scheduled review needs spec.scheduledDate", fieldPath = ".scheduledDate")
@ValidationRule(value = "!(self.phase in ['completed', 'published']) || (has(self.summary) && size(self.summary) > 0 "
        + "&& has(self.whatWentWell) && size(self.whatWentWell) > 0 && has(self.whatCouldImprove) && size(self.whatCouldImprove) > 0)",
        message = "a completed review needs spec.summary, spec.whatWentWell and spec.whatCouldImprove", fieldPath = ".phase")
@ValidationRule(value = "self.phase != 'published' || (oldSelf.hasValue() && oldSelf.value().phase in ['completed', 'published'])",
        optionalOldSelf = true,
        message = "only a completed review can be published: create it as draft, scheduled or completed, then set spec.phase to published",
        fieldPath = ".phase")
@ValidationRule(value = "self.incidentRef == oldSelf.incidentRef", message = "spec.incidentRef cannot change", fieldPath = ".incidentRef")
public class PostIncidentReviewSpec {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("The Incident (same namespace) this review is about.")
    private String incidentRef;

    @Default("draft")
    @ValidationRule(value = "{'draft': 0, 'scheduled': 1, 'completed': 2, 'published': 3}[self] >= "
            + "{'draft': 0, 'scheduled': 1, 'completed': 2, 'published': 3}[oldSelf]",
            messageExpression = "'a review moves forward only (draft, scheduled, completed, published), not ' + oldSelf + ' -> ' + self")
    @JsonPropertyDescription("draft, scheduled (needs scheduledDate), completed (needs summary, whatWentWell and whatCouldImprove) or published (only from completed).")
    private ReviewPhase phase = ReviewPhase.draft;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When the review meeting is (RFC 3339).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String scheduledDate;

    @Size(max = 253)
    @JsonPropertyDescription("Who runs the review.")
    private String facilitator;

    @Size(max = 50)
    @JsonPropertyDescription("Who takes part; by default the incident's responders.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> participants;

    @Size(max = 8192)
    @JsonPropertyDescription("What happened, in a few sentences.")
    private String summary;

    @Size(max = 4096)
    @JsonPropertyDescription("The root cause; by default the incident's.")
    private String rootCause;

    @Size(max = 50)
    @JsonPropertyDescription("Contributing factors; by default the incident's.")
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> contributingFactors;

    @Size(max = 50)
    @JsonPropertyDescription("What went well.")
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> whatWentWell;

    @Size(max = 50)
    @JsonPropertyDescription("What could improve.")
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> whatCouldImprove;

    @Size(max = 8192)
    @JsonPropertyDescription("The postmortem customers may read: once the review is published, a status page that published the incident shows this (and nothing else of the review) as the incident's postmortem.")
    private String publicSummary;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When customers were first affected (RFC 3339), if before the incident was detected: time to detect and customer impact count from it.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String impactStartedAt;

    @Size(max = 100)
    @ValidationRule(value = "self.all(a, self.exists_one(b, b.id == a.id))", message = "action item ids must be unique")
    @JsonPropertyDescription("Follow-ups, tracked until completed or deferred.")
    private List<ActionItem> actionItems = new ArrayList<>();

    @Size(max = 5)
    @JsonPropertyDescription("NotificationChannels (this namespace, internal, not PagerDuty) told when an action item is due within two days and when it becomes overdue, once each. A review the operator opens gets the internal channels that heard about the incident.")
    private List<@Size(max = KlaxonApi.MAX_NAME) @Pattern(KlaxonApi.NAME_PATTERN) String> channels;

    public String getIncidentRef() { return incidentRef; }
    public void setIncidentRef(String incidentRef) { this.incidentRef = incidentRef; }
    public ReviewPhase getPhase() { return phase; }
    public void setPhase(ReviewPhase phase) { this.phase = phase; }
    public String getScheduledDate() { return scheduledDate; }
    public void setScheduledDate(String scheduledDate) { this.scheduledDate = scheduledDate; }
    public String getFacilitator() { return facilitator; }
    public void setFacilitator(String facilitator) { this.facilitator = facilitator; }
    public List<String> getParticipants() { return participants; }
    public void setParticipants(List<String> participants) { this.participants = participants; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public String getRootCause() { return rootCause; }
    public void setRootCause(String rootCause) { this.rootCause = rootCause; }
    public List<String> getContributingFactors() { return contributingFactors; }
    public void setContributingFactors(List<String> contributingFactors) { this.contributingFactors = contributingFactors; }
    public List<String> getWhatWentWell() { return whatWentWell; }
    public void setWhatWentWell(List<String> whatWentWell) { this.whatWentWell = whatWentWell; }
    public List<String> getWhatCouldImprove() { return whatCouldImprove; }
    public void setWhatCouldImprove(List<String> whatCouldImprove) { this.whatCouldImprove = whatCouldImprove; }
    public String getPublicSummary() { return publicSummary; }
    public void setPublicSummary(String publicSummary) { this.publicSummary = publicSummary; }
    public String getImpactStartedAt() { return impactStartedAt; }
    public void setImpactStartedAt(String impactStartedAt) { this.impactStartedAt = impactStartedAt; }
    public List<String> getChannels() { return channels; }
    public void setChannels(List<String> channels) { this.channels = channels; }
    public List<ActionItem> getActionItems() { return actionItems; }
    public void setActionItems(List<ActionItem> actionItems) { this.actionItems = actionItems; }
}
