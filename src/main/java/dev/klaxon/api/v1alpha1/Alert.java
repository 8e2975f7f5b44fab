package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** One alert of an AlertRule: one alert identity (see spec.groupBy). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {

    @JsonPropertyDescription("Stable hash of the alert's identifying labels.")
    private String fingerprint;
    @JsonPropertyDescription("The alert's identifying labels.")
    private Map<String, String> labels;
    @JsonPropertyDescription("The last query value, as text.")
    private String value;
    @JsonPropertyDescription("Pending, Firing, or Inactive for an alert that stopped firing and whose incident has not resolved yet.")
    private AlertRuleStatus.State state;
    @JsonPropertyDescription("When the conditions started to hold (RFC 3339).")
    private String activeAt;
    @JsonPropertyDescription("When the alert fired (RFC 3339).")
    private String firingAt;
    @JsonPropertyDescription("While firing: when the conditions stopped holding (keepFiringFor runs from here).")
    private String keepFiringSince;
    @JsonPropertyDescription("When the alert stopped firing; its incident resolves autoResolve.after later unless it fires again.")
    private String resolvedAt;
    @JsonPropertyDescription("Name of the Incident opened for this alert.")
    private String incident;
    @JsonPropertyDescription("Since when the alert's series has been missing from the query's answer (RFC 3339): with noData Keep it stays as it was, and its incident open, until the series is back.")
    private String noDataSince;
    @JsonPropertyDescription("The MaintenanceWindow holding this firing alert back: it opens no incident and pages nobody until the window ends.")
    private String suppressedBy;
    @JsonPropertyDescription("The open incident (namespace/name) this firing alert is attached to instead of opening its own: it pages nobody "
            + "until that incident resolves, and then opens its own if it still fires. heldBecause says why.")
    private String heldBackBy;
    @JsonPropertyDescription("Why the alert is attached to heldBackBy: Dependency or Correlation.")
    private HoldReason heldBecause;

    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public AlertRuleStatus.State getState() { return state; }
    public void setState(AlertRuleStatus.State state) { this.state = state; }
    public String getActiveAt() { return activeAt; }
    public void setActiveAt(String activeAt) { this.activeAt = activeAt; }
    public String getFiringAt() { return firingAt; }
    public void setFiringAt(String firingAt) { this.firingAt = firingAt; }
    public String getKeepFiringSince() { return keepFiringSince; }
    public void setKeepFiringSince(String keepFiringSince) { this.keepFiringSince = keepFiringSince; }
    public String getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(String resolvedAt) { this.resolvedAt = resolvedAt; }
    public String getNoDataSince() { return noDataSince; }
    public void setNoDataSince(String noDataSince) { this.noDataSince = noDataSince; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
    public String getHeldBackBy() { return heldBackBy; }
    public void setHeldBackBy(String heldBackBy) { this.heldBackBy = heldBackBy; }
    public HoldReason getHeldBecause() { return heldBecause; }
    public void setHeldBecause(HoldReason heldBecause) { this.heldBecause = heldBecause; }
    public String getSuppressedBy() { return suppressedBy; }
    public void setSuppressedBy(String suppressedBy) { this.suppressedBy = suppressedBy; }
}
