package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** An incident as its status page tells it: only what was published, kept after the incident is gone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublicIncident {

    @JsonPropertyDescription("Its public id, stable for the life of the page ('pub-' and the incident's uid).")
    private String id;

    @JsonPropertyDescription("The Incident it was published from (its name); the incident may have been deleted since.")
    private String incident;

    @JsonPropertyDescription("The public title.")
    private String title;

    @JsonPropertyDescription("The public impact.")
    private String impact;

    @JsonPropertyDescription("The incident's severity, which set its components' status.")
    private Severity severity;

    @JsonPropertyDescription("investigating, identified, monitoring or resolved.")
    private PublicIncidentStatus status;

    @JsonPropertyDescription("public or customers_only (internal ones are not listed).")
    private Visibility visibility;

    @JsonPropertyDescription("The ids of the components it affects.")
    private List<String> components = new ArrayList<>();

    @JsonPropertyDescription("When the incident was detected (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When it was resolved (RFC 3339).")
    private String resolvedAt;

    @JsonPropertyDescription("The postmortem: the public summary of the incident's published post-incident review.")
    private String postmortem;

    @JsonPropertyDescription("When the postmortem was published (RFC 3339).")
    private String postmortemPublishedAt;

    @JsonPropertyDescription("Its public updates, oldest first.")
    private List<PublicUpdate> updates = new ArrayList<>();

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getImpact() { return impact; }
    public void setImpact(String impact) { this.impact = impact; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public PublicIncidentStatus getStatus() { return status; }
    public void setStatus(PublicIncidentStatus status) { this.status = status; }
    public Visibility getVisibility() { return visibility; }
    public void setVisibility(Visibility visibility) { this.visibility = visibility; }
    public List<String> getComponents() { return components; }
    public void setComponents(List<String> components) { this.components = components; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(String resolvedAt) { this.resolvedAt = resolvedAt; }
    public String getPostmortem() { return postmortem; }
    public void setPostmortem(String postmortem) { this.postmortem = postmortem; }
    public String getPostmortemPublishedAt() { return postmortemPublishedAt; }
    public void setPostmortemPublishedAt(String postmortemPublishedAt) { this.postmortemPublishedAt = postmortemPublishedAt; }
    public List<PublicUpdate> getUpdates() { return updates; }
    public void setUpdates(List<PublicUpdate> updates) { this.updates = updates; }
}
