package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether the signal arrives, since when, and the incident of its absence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeartbeatStatus extends KlaxonStatus {

    /** Where the signal stands. */
    public enum State {
        /** No signal yet, and none due yet (a new heartbeat gets one period and grace for its first). */
        Waiting,
        /** The last signal is within its period and grace. */
        Healthy,
        /** The signal is overdue: its incident is open. */
        Missed
    }

    @JsonPropertyDescription("Waiting (none yet, none due), Healthy, or Missed (overdue: the incident is open).")
    private State state;

    @JsonPropertyDescription("When the state last changed.")
    private String since;

    @JsonPropertyDescription("When the last signal arrived, as of the last status write: written when the state changes and at most "
            + "once a period otherwise (the metric klaxon_heartbeat_last_signal_timestamp_seconds has every one).")
    private String lastSignalAt;

    @JsonPropertyDescription("Why the heartbeat is missed, e.g. the failed Job's reason.")
    private String message;

    @JsonPropertyDescription("The open incident of the missed heartbeat.")
    private String incident;

    @JsonPropertyDescription("For a checkIn: the path on the operator's heartbeat port (the chart's <release>-heartbeats Service).")
    private String checkInPath;

    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public String getLastSignalAt() { return lastSignalAt; }
    public void setLastSignalAt(String lastSignalAt) { this.lastSignalAt = lastSignalAt; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
    public String getCheckInPath() { return checkInPath; }
    public void setCheckInPath(String checkInPath) { this.checkInPath = checkInPath; }
}
