package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator prefills from the incident (until the review is completed) and tracks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostIncidentReviewStatus extends KlaxonStatus {

    @JsonPropertyDescription("The uid of the incident it was prefilled from (a later incident of the same name is another incident).")
    private String incidentUid;

    @JsonPropertyDescription("'Post-Incident Review: <incident title>'.")
    private String title;

    @JsonPropertyDescription("When the review was opened (RFC 3339).")
    private String date;

    @JsonPropertyDescription("spec.participants, else the incident's responders.")
    private List<String> participants;

    @JsonPropertyDescription("Generated from the incident: affected services and regions, estimated users, and whether its SLA was breached.")
    private String impactSummary;

    @JsonPropertyDescription("The incident's timeline (the first 200 entries).")
    private List<TimelineEntry> timeline = new ArrayList<>();

    @JsonPropertyDescription("spec.rootCause, else the incident's.")
    private String rootCause;

    @JsonPropertyDescription("spec.contributingFactors, else the incident's.")
    private List<String> contributingFactors;

    @JsonPropertyDescription("Time to detect, respond and resolve, and the customer impact.")
    private ReviewMetrics metrics;

    @JsonPropertyDescription("Whether the prefilled parts still follow the incident (until the review is completed).")
    private Boolean followsIncident;

    @JsonPropertyDescription("When it was published (RFC 3339).")
    private String publishedAt;

    @JsonPropertyDescription("Action items open or in progress.")
    private Integer openActionItems;

    @JsonPropertyDescription("Action items open or in progress past their due date.")
    private Integer overdueActionItems;

    @JsonPropertyDescription("Ids of the overdue action items.")
    private List<String> overdue;

    @JsonPropertyDescription("Ids of the action items whose overdue warning (Event) was given: once each.")
    private List<String> overdueWarned;

    @JsonPropertyDescription("Ids of the action items whose reminder before the due date was given: once each.")
    private List<String> reminded;

    @JsonPropertyDescription("The reminders and overdue notices to spec.channels, one per (channel, event), with each delivery's outcome; kept while the item is open or in progress.")
    private List<NotificationRecord> notifications;

    @JsonPropertyDescription("The ConfigMap (owned by this review) that holds the Markdown document, key review.md.")
    private String document;

    public String getIncidentUid() { return incidentUid; }
    public void setIncidentUid(String incidentUid) { this.incidentUid = incidentUid; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDate() { return date; }
    public void setDate(String date) { this.date = date; }
    public List<String> getParticipants() { return participants; }
    public void setParticipants(List<String> participants) { this.participants = participants; }
    public String getImpactSummary() { return impactSummary; }
    public void setImpactSummary(String impactSummary) { this.impactSummary = impactSummary; }
    public List<TimelineEntry> getTimeline() { return timeline; }
    public void setTimeline(List<TimelineEntry> timeline) { this.timeline = timeline; }
    public String getRootCause() { return rootCause; }
    public void setRootCause(String rootCause) { this.rootCause = rootCause; }
    public List<String> getContributingFactors() { return contributingFactors; }
    public void setContributingFactors(List<String> contributingFactors) { this.contributingFactors = contributingFactors; }
    public ReviewMetrics getMetrics() { return metrics; }
    public void setMetrics(ReviewMetrics metrics) { this.metrics = metrics; }
    public Boolean getFollowsIncident() { return followsIncident; }
    public void setFollowsIncident(Boolean followsIncident) { this.followsIncident = followsIncident; }
    public String getPublishedAt() { return publishedAt; }
    public void setPublishedAt(String publishedAt) { this.publishedAt = publishedAt; }
    public Integer getOpenActionItems() { return openActionItems; }
    public void setOpenActionItems(Integer openActionItems) { this.openActionItems = openActionItems; }
    public Integer getOverdueActionItems() { return overdueActionItems; }
    public void setOverdueActionItems(Integer overdueActionItems) { this.overdueActionItems = overdueActionItems; }
    public List<String> getOverdue() { return overdue; }
    public void setOverdue(List<String> overdue) { this.overdue = overdue; }
    public List<String> getOverdueWarned() { return overdueWarned; }
    public void setOverdueWarned(List<String> overdueWarned) { this.overdueWarned = overdueWarned; }
    public List<String> getReminded() { return reminded; }
    public void setReminded(List<String> reminded) { this.reminded = reminded; }
    public String getDocument() { return document; }
    public void setDocument(String document) { this.document = document; }
    public List<NotificationRecord> getNotifications() { return notifications; }
    public void setNotifications(List<NotificationRecord> notifications) { this.notifications = notifications; }
}
