package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.source) == has(oldSelf.source) && (!has(self.source) || self.source == oldSelf.source)",
        message = "spec.source is set when the incident is created and cannot be added, changed or removed", fieldPath = ".source")
public class IncidentSpec {

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Short title of the incident, as it appears in the incident list.")
    private String title;

    @Required
    @JsonPropertyDescription("Severity, SEV1 (critical) to SEV5 (informational); decides SLA targets and required roles.")
    private Severity severity;

    @JsonPropertyDescription("Category of the incident.")
    private Category category;

    @JsonPropertyDescription("What is happening, in a few sentences.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @Default("Detected")
    @ValidationRule(value = "self == oldSelf || (oldSelf != 'Closed' && (oldSelf == 'Resolved' && self == 'Investigating' || "
            + "{'Detected': 0, 'Acknowledged': 1, 'Investigating': 2, 'Identified': 3, 'Mitigating': 4, 'Monitoring': 5, 'Resolved': 6, 'Closed': 7}[self] > "
            + "{'Detected': 0, 'Acknowledged': 1, 'Investigating': 2, 'Identified': 3, 'Mitigating': 4, 'Monitoring': 5, 'Resolved': 6, 'Closed': 7}[oldSelf]))",
            messageExpression = "'illegal phase change ' + oldSelf + ' -> ' + self + ': phases only move forward (skips allowed), Resolved may reopen to Investigating, Closed is final'",
            reason = "FieldValueForbidden")
    @JsonPropertyDescription("The phase requested by responders: Detected, Acknowledged, Investigating, Identified, Mitigating, Monitoring, Resolved, Closed. "
            + "Moves go forward (skips allowed), Resolved may reopen to Investigating, Closed is final. The operator records accepted moves in status.")
    private IncidentPhase phase = IncidentPhase.Detected;

    @Min(1)
    @Max(1000000)
    @ValidationRule(value = "self >= oldSelf", message = "acknowledgedRound only goes up")
    @JsonPropertyDescription("A person's acknowledgment of a reopened incident's round (kubectl klaxon ack sets it to status.round): "
            + "a reopen starts a new round that escalates until someone acknowledges it or moves it past Investigating.")
    private Integer acknowledgedRound;

    @JsonPropertyDescription("Pages the next escalation level now: set by the Escalate now link of a page (or by hand), for the round, repeat and level "
            + "that paged the person asking. It acts once; when the escalation has moved past that step, it is spent.")
    private EscalationRequest escalateNow;

    @JsonPropertyDescription("The incident commander (user name).")
    @Size(max = KlaxonApi.MAX_NAME)
    private String commander;

    @Size(max = 100)
    @JsonPropertyDescription("People working on the incident and their roles.")
    private List<Responder> responders = new ArrayList<>();

    @JsonPropertyDescription("Who and what is affected.")
    private Impact impact;

    @JsonPropertyDescription("The root cause, once identified.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String rootCause;

    @JsonPropertyDescription("Factors that contributed to the incident.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> contributingFactors;

    @Size(max = 500)
    @JsonPropertyDescription("Status updates, newest last. Public updates may be shown on the status page.")
    private List<IncidentUpdate> updates = new ArrayList<>();

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of the EscalationPolicy in this namespace that pages people about this incident; an AlertRule's incident.escalationPolicyRef fills it in.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String escalationPolicyRef;

    @JsonPropertyDescription("The alert that opened this incident. Set at creation; immutable.")
    private IncidentSource source;

    @JsonPropertyDescription("Publishes this incident on a status page, with a public title and impact of its own (`kubectl klaxon publish`). Its public updates are the updates marked public.")
    private IncidentPublication publication;

    public Integer getAcknowledgedRound() { return acknowledgedRound; }
    public void setAcknowledgedRound(Integer acknowledgedRound) { this.acknowledgedRound = acknowledgedRound; }
    public EscalationRequest getEscalateNow() { return escalateNow; }
    public void setEscalateNow(EscalationRequest escalateNow) { this.escalateNow = escalateNow; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public IncidentPhase getPhase() { return phase; }
    public void setPhase(IncidentPhase phase) { this.phase = phase; }
    public String getCommander() { return commander; }
    public void setCommander(String commander) { this.commander = commander; }
    public List<Responder> getResponders() { return responders; }
    public void setResponders(List<Responder> responders) { this.responders = responders; }
    public Impact getImpact() { return impact; }
    public void setImpact(Impact impact) { this.impact = impact; }
    public String getRootCause() { return rootCause; }
    public void setRootCause(String rootCause) { this.rootCause = rootCause; }
    public List<String> getContributingFactors() { return contributingFactors; }
    public void setContributingFactors(List<String> contributingFactors) { this.contributingFactors = contributingFactors; }
    public List<IncidentUpdate> getUpdates() { return updates; }
    public void setUpdates(List<IncidentUpdate> updates) { this.updates = updates; }
    public String getEscalationPolicyRef() { return escalationPolicyRef; }
    public void setEscalationPolicyRef(String escalationPolicyRef) { this.escalationPolicyRef = escalationPolicyRef; }
    public IncidentPublication getPublication() { return publication; }
    public void setPublication(IncidentPublication publication) { this.publication = publication; }
    public IncidentSource getSource() { return source; }
    public void setSource(IncidentSource source) { this.source = source; }
}
