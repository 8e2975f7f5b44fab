package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatusPageSubscriberStatus extends KlaxonStatus {

    public enum Phase { Pending, Confirmed }

    @JsonPropertyDescription("Pending (a confirmation link was sent; nothing else is until it is followed) or Confirmed.")
    private Phase phase;

    @JsonPropertyDescription("When the confirmation link was followed (RFC 3339).")
    private String confirmedAt;

    @JsonPropertyDescription("Updates the page shows after this time are told (RFC 3339): the confirmation, then when the page showed the newest update told.")
    private String toldUpTo;

    @Size(max = MAX_NOTIFICATIONS)
    @JsonPropertyDescription("The confirmation request and the latest updates told, and how each went (the newest " + MAX_NOTIFICATIONS + ").")
    private List<NotificationRecord> notifications;

    public static final int MAX_NOTIFICATIONS = 20;

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public String getConfirmedAt() { return confirmedAt; }
    public void setConfirmedAt(String confirmedAt) { this.confirmedAt = confirmedAt; }
    public String getToldUpTo() { return toldUpTo; }
    public void setToldUpTo(String toldUpTo) { this.toldUpTo = toldUpTo; }
    public List<NotificationRecord> getNotifications() { return notifications; }
    public void setNotifications(List<NotificationRecord> notifications) { this.notifications = notifications; }
}
