package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and recorded about an incident. Timestamps are RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentStatus extends KlaxonStatus {

    public static final int RESOLUTIONS_KEPT = 50;

    @JsonPropertyDescription("The phase the operator accepted last (spec.phase is the requested one).")
    private IncidentPhase phase;

    @JsonPropertyDescription("The severity the operator recorded last; a change of spec.severity adds a timeline entry.")
    private Severity severity;

    @JsonPropertyDescription("When the incident was detected (its alert fired, or it was created).")
    private String detectedAt;
    @JsonPropertyDescription("When the incident was first acknowledged. Set once.")
    private String acknowledgedAt;
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Who acknowledged first, when the move's note names them (kubectl klaxon, a page link, Slack).")
    private String acknowledgedBy;
    @JsonPropertyDescription("When the cause was first identified. Set once.")
    private String identifiedAt;
    @JsonPropertyDescription("When mitigation first started. Set once.")
    private String mitigatedAt;
    @JsonPropertyDescription("When the incident was resolved; after a reopen, unset until it is resolved again (the final resolution). Every resolution is in resolutions.")
    private String resolvedAt;
    @Size(max = RESOLUTIONS_KEPT)
    @JsonPropertyDescription("Every time the incident was resolved, oldest first (bounded: the first and the newest are kept).")
    private List<String> resolutions;
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("The response round: 1 until the incident is reopened, then one more per reopen. Each round escalates from level 1 and needs its own acknowledgment.")
    private Integer round;
    @JsonPropertyDescription("When the current round began (the last reopen).")
    private String reopenedAt;
    @JsonPropertyDescription("When a person acknowledged the current round (kubectl klaxon ack, or a move past Investigating after the reopen); acknowledgedAt keeps the first acknowledgment.")
    private String roundAcknowledgedAt;
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Who acknowledged the current round, when the note names them.")
    private String roundAcknowledgedBy;
    @JsonPropertyDescription("When the incident was closed. Set once.")
    private String closedAt;

    @JsonPropertyDescription("Mean time to acknowledge for this incident: acknowledgedAt - detectedAt, in seconds.")
    private Long mttaSeconds;
    @JsonPropertyDescription("Time to identify: identifiedAt - detectedAt, in seconds.")
    private Long mttiSeconds;
    @JsonPropertyDescription("Time to resolve: resolvedAt - detectedAt, in seconds.")
    private Long mttrSeconds;

    @JsonPropertyDescription("Service-level targets from the severity matrix.")
    private IncidentSla sla;

    @JsonPropertyDescription("Roles the severity requires.")
    private List<String> requiredRoles;
    @JsonPropertyDescription("Required roles that no responder holds yet.")
    private List<String> missingRoles;

    @JsonPropertyDescription("What happened, oldest first. Bounded: the first entries and the newest are kept; timelineDropped counts the rest.")
    private List<TimelineEntry> timeline = new ArrayList<>();
    @JsonPropertyDescription("While the alert's series is missing from Prometheus's answer (noData Keep): since when (RFC 3339). The incident stays open meanwhile.")
    private String noDataSince;

    @Min(0)
    @Max(1000000000)
    @JsonPropertyDescription("How many timeline entries were dropped to keep the object small.")
    private Long timelineDropped;

    @JsonPropertyDescription("Where the escalation policy stands for this incident.")
    private EscalationState escalation;

    @JsonPropertyDescription("Names of Playbooks in this namespace that match the incident's category, severity and symptoms: at most 20, the most specific first (a matching symptom, then listed severities, then a category).")
    private List<String> suggestedPlaybooks;

    @JsonPropertyDescription("How many more Playbooks fit than suggestedPlaybooks names.")
    private Integer suggestedPlaybooksNotListed;

    @JsonPropertyDescription("The run the operator started for the playbook the alert's rule names; once set it is never started again (cancel the run to stop it).")
    private String autoRun;

    @JsonPropertyDescription("When the operator started that run (RFC 3339).")
    private String autoRunStartedAt;

    @JsonPropertyDescription("While set, the playbook run this incident is owed waits: its rule's incidents started incident.maxAutoRunsPerHour runs within the hour (RFC 3339).")
    private String autoRunDeferredUntil;

    @JsonPropertyDescription("While set, nobody is paged yet (pagingDeferredFor says why); the escalation starts then (RFC 3339).")
    private String pagingDeferredUntil;
    @JsonPropertyDescription("Why the first page waits: SupportHours (a low-urgency incident outside its policy's support hours) or RuleLimit "
            + "(its rule's incidents started paging incident.maxPagedIncidentsPerHour times within the hour).")
    private PagingDeferral pagingDeferredFor;

    @JsonPropertyDescription("For the incident an alert storm's alerts share: the most relevant of them, within a byte budget (firing first, newest first); sharedAlertCounts counts them all.")
    private List<Alert> sharedAlerts;

    @JsonPropertyDescription("For the incident an alert storm's alerts share: how many share it, in each state.")
    private AlertCounts sharedAlertCounts;

    @JsonPropertyDescription("Firing alerts of other services or rules attached to this incident rather than paging on their own (a service "
            + "that depends on this incident's, or a policy's correlation): the most recent first, within a byte budget; heldBackAlertCount counts them all.")
    private List<HeldBackAlert> heldBackAlerts;

    @JsonPropertyDescription("How many firing alerts are attached to this incident (see heldBackAlerts).")
    private Integer heldBackAlertCount;

    @JsonPropertyDescription("Playbook runs for this incident, oldest first; their steps' moves are in the timeline.")
    private List<PlaybookRunSummary> playbookRuns;

    @JsonPropertyDescription("Playbook runs of this incident not listed in playbookRuns, which is bounded in bytes (a run is listed when it starts, while there is room; runs that no longer exist make room). Their moves are not copied into the timeline.")
    private Integer playbookRunsNotListed;

    @JsonPropertyDescription("Notifications delivered for this incident, and failures. Bounded in bytes: past the bound, settled records of earlier rounds (before the incident was reopened) make room.")
    private List<NotificationRecord> notifications;

    @JsonPropertyDescription("Records of earlier rounds dropped from notifications to keep it within its bound.")
    private Long notificationsNotListed;

    public IncidentPhase getPhase() { return phase; }
    public void setPhase(IncidentPhase phase) { this.phase = phase; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public String getDetectedAt() { return detectedAt; }
    public void setDetectedAt(String detectedAt) { this.detectedAt = detectedAt; }
    public String getAcknowledgedAt() { return acknowledgedAt; }
    public void setAcknowledgedAt(String acknowledgedAt) { this.acknowledgedAt = acknowledgedAt; }
    public List<String> getResolutions() { return resolutions; }
    public void setResolutions(List<String> resolutions) { this.resolutions = resolutions; }
    public String getAutoRun() { return autoRun; }
    public void setAutoRun(String autoRun) { this.autoRun = autoRun; }
    public List<Alert> getSharedAlerts() { return sharedAlerts; }
    public void setSharedAlerts(List<Alert> sharedAlerts) { this.sharedAlerts = sharedAlerts; }
    public AlertCounts getSharedAlertCounts() { return sharedAlertCounts; }
    public List<HeldBackAlert> getHeldBackAlerts() { return heldBackAlerts; }
    public void setHeldBackAlerts(List<HeldBackAlert> heldBackAlerts) { this.heldBackAlerts = heldBackAlerts; }
    public Integer getHeldBackAlertCount() { return heldBackAlertCount; }
    public void setHeldBackAlertCount(Integer heldBackAlertCount) { this.heldBackAlertCount = heldBackAlertCount; }
    public void setSharedAlertCounts(AlertCounts sharedAlertCounts) { this.sharedAlertCounts = sharedAlertCounts; }
    public String getAutoRunStartedAt() { return autoRunStartedAt; }
    public void setAutoRunStartedAt(String autoRunStartedAt) { this.autoRunStartedAt = autoRunStartedAt; }
    public String getAutoRunDeferredUntil() { return autoRunDeferredUntil; }
    public void setAutoRunDeferredUntil(String autoRunDeferredUntil) { this.autoRunDeferredUntil = autoRunDeferredUntil; }
    public PagingDeferral getPagingDeferredFor() { return pagingDeferredFor; }
    public void setPagingDeferredFor(PagingDeferral pagingDeferredFor) { this.pagingDeferredFor = pagingDeferredFor; }
    public String getPagingDeferredUntil() { return pagingDeferredUntil; }
    public void setPagingDeferredUntil(String pagingDeferredUntil) { this.pagingDeferredUntil = pagingDeferredUntil; }
    public Integer getRound() { return round; }
    public void setRound(Integer round) { this.round = round; }
    public String getReopenedAt() { return reopenedAt; }
    public void setReopenedAt(String reopenedAt) { this.reopenedAt = reopenedAt; }
    public String getRoundAcknowledgedAt() { return roundAcknowledgedAt; }
    public void setRoundAcknowledgedAt(String roundAcknowledgedAt) { this.roundAcknowledgedAt = roundAcknowledgedAt; }
    public String getIdentifiedAt() { return identifiedAt; }
    public void setIdentifiedAt(String identifiedAt) { this.identifiedAt = identifiedAt; }
    public String getMitigatedAt() { return mitigatedAt; }
    public void setMitigatedAt(String mitigatedAt) { this.mitigatedAt = mitigatedAt; }
    public String getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(String resolvedAt) { this.resolvedAt = resolvedAt; }
    public String getClosedAt() { return closedAt; }
    public void setClosedAt(String closedAt) { this.closedAt = closedAt; }
    public Long getMttaSeconds() { return mttaSeconds; }
    public void setMttaSeconds(Long mttaSeconds) { this.mttaSeconds = mttaSeconds; }
    public Long getMttiSeconds() { return mttiSeconds; }
    public void setMttiSeconds(Long mttiSeconds) { this.mttiSeconds = mttiSeconds; }
    public Long getMttrSeconds() { return mttrSeconds; }
    public void setMttrSeconds(Long mttrSeconds) { this.mttrSeconds = mttrSeconds; }
    public IncidentSla getSla() { return sla; }
    public void setSla(IncidentSla sla) { this.sla = sla; }
    public List<String> getRequiredRoles() { return requiredRoles; }
    public void setRequiredRoles(List<String> requiredRoles) { this.requiredRoles = requiredRoles; }
    public List<String> getMissingRoles() { return missingRoles; }
    public void setMissingRoles(List<String> missingRoles) { this.missingRoles = missingRoles; }
    public List<TimelineEntry> getTimeline() { return timeline; }
    public void setTimeline(List<TimelineEntry> timeline) { this.timeline = timeline; }
    public String getNoDataSince() { return noDataSince; }
    public void setNoDataSince(String noDataSince) { this.noDataSince = noDataSince; }
    public Long getTimelineDropped() { return timelineDropped; }
    public void setTimelineDropped(Long timelineDropped) { this.timelineDropped = timelineDropped; }
    public EscalationState getEscalation() { return escalation; }
    public void setEscalation(EscalationState escalation) { this.escalation = escalation; }
    public List<String> getSuggestedPlaybooks() { return suggestedPlaybooks; }
    public void setSuggestedPlaybooks(List<String> suggestedPlaybooks) { this.suggestedPlaybooks = suggestedPlaybooks; }
    public Integer getSuggestedPlaybooksNotListed() { return suggestedPlaybooksNotListed; }
    public void setSuggestedPlaybooksNotListed(Integer suggestedPlaybooksNotListed) { this.suggestedPlaybooksNotListed = suggestedPlaybooksNotListed; }
    public List<PlaybookRunSummary> getPlaybookRuns() { return playbookRuns; }
    public Integer getPlaybookRunsNotListed() { return playbookRunsNotListed; }
    public void setPlaybookRunsNotListed(Integer playbookRunsNotListed) { this.playbookRunsNotListed = playbookRunsNotListed; }
    public void setPlaybookRuns(List<PlaybookRunSummary> playbookRuns) { this.playbookRuns = playbookRuns; }
    public Long getNotificationsNotListed() { return notificationsNotListed; }
    public void setNotificationsNotListed(Long notificationsNotListed) { this.notificationsNotListed = notificationsNotListed; }
    public List<NotificationRecord> getNotifications() { return notifications; }
    public void setNotifications(List<NotificationRecord> notifications) { this.notifications = notifications; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public void setAcknowledgedBy(String acknowledgedBy) { this.acknowledgedBy = acknowledgedBy; }
    public String getRoundAcknowledgedBy() { return roundAcknowledgedBy; }
    public void setRoundAcknowledgedBy(String roundAcknowledgedBy) { this.roundAcknowledgedBy = roundAcknowledgedBy; }
}
