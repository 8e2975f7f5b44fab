package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed evaluating an AlertRule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRuleStatus extends KlaxonStatus {

    public enum State { Inactive, Pending, Firing }

    @JsonPropertyDescription("The most severe state of the rule's alerts: Inactive, Pending or Firing.")
    private State state;

    @JsonPropertyDescription("When the rule was last evaluated (RFC 3339).")
    private String lastEvaluationTime;

    @JsonPropertyDescription("How long the last evaluation took, as a duration (e.g. 12ms).")
    private String lastEvaluationDuration;

    @JsonPropertyDescription("How many alerts are in each state, and how many status.alerts leaves out.")
    private AlertCounts alertCounts;

    @JsonPropertyDescription("The rule's most relevant alerts, one per alert identity: firing first, then pending, then the rest, newest first, within a byte budget (klaxon.evaluation.max-status-alert-bytes); alertCounts counts them all.")
    private List<Alert> alerts = new ArrayList<>();

    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getLastEvaluationTime() { return lastEvaluationTime; }
    public void setLastEvaluationTime(String lastEvaluationTime) { this.lastEvaluationTime = lastEvaluationTime; }
    public String getLastEvaluationDuration() { return lastEvaluationDuration; }
    public void setLastEvaluationDuration(String lastEvaluationDuration) { this.lastEvaluationDuration = lastEvaluationDuration; }
    public AlertCounts getAlertCounts() { return alertCounts; }
    public void setAlertCounts(AlertCounts alertCounts) { this.alertCounts = alertCounts; }
    public List<Alert> getAlerts() { return alerts; }
    public void setAlerts(List<Alert> alerts) { this.alerts = alerts; }
}
