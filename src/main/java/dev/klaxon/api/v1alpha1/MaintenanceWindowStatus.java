package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Where the window is in its schedule, and whether it held anything back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceWindowStatus extends KlaxonStatus {

    /** Where a window is. */
    public enum Phase { Scheduled, Active, Ended }

    @JsonPropertyDescription("Scheduled (its next occurrence is ahead), Active, or Ended (it never starts again).")
    private Phase phase;

    @JsonPropertyDescription("The start of the current occurrence, or of the next one (RFC 3339).")
    private String startsAt;

    @JsonPropertyDescription("The end of the current occurrence, or of the next one (RFC 3339).")
    private String endsAt;

    @JsonPropertyDescription("Whether the current (or, once it ended, the last) occurrence held back any alert.")
    private Boolean matched;

    @JsonPropertyDescription("The last occurrence that ended without holding back anything, if the latest did (RFC 3339 start): check the matchers.")
    private String matchedNothingAt;

    @JsonPropertyDescription("The notices of its occurrences' starts and ends to spec.channels, and how each went; those of the last "
            + "occurrences only, so a recurring window's list does not grow.")
    private List<NotificationRecord> notifications;

    public List<NotificationRecord> getNotifications() { return notifications; }
    public void setNotifications(List<NotificationRecord> notifications) { this.notifications = notifications; }
    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getStartsAt() { return startsAt; }
    public void setStartsAt(String startsAt) { this.startsAt = startsAt; }
    public String getEndsAt() { return endsAt; }
    public void setEndsAt(String endsAt) { this.endsAt = endsAt; }
    public Boolean getMatched() { return matched; }
    public void setMatched(Boolean matched) { this.matched = matched; }
    public String getMatchedNothingAt() { return matchedNothingAt; }
    public void setMatchedNothingAt(String matchedNothingAt) { this.matchedNothingAt = matchedNothingAt; }
}
