package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The outcome of one notification about an incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationRecord {

    public enum Outcome { Pending, Sending, Delivered, Failed, Dropped }

    @JsonPropertyDescription("Name of the NotificationChannel.")
    private String channel;
    @JsonPropertyDescription("What is announced, unique per channel and incident: escalation-<round>-<level>, executives, acknowledged, resolved.")
    private String event;
    @JsonPropertyDescription("What the message says in short, e.g. who a level pages.")
    private String about;
    @Size(max = 20)
    @JsonPropertyDescription("The people a page was for, by name: each gets links of their own in it to acknowledge, escalate or resolve.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> recipients;
    @JsonPropertyDescription("Pending (waiting for its attempt), Sending (handed to delivery: written before the send, so a crash repeats at most this one message, with the same delivery id), Delivered, Failed (attempts ran out, or a permanent error), or Dropped (a page overtaken by the acknowledgement).")
    private Outcome outcome;
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Delivery attempts so far.")
    private Integer attempts;
    @JsonPropertyDescription("When the last attempt was made, or, while Sending, when the current one began (RFC 3339).")
    private String time;
    @JsonPropertyDescription("The receiver's answer or the error of the last attempt.")
    private String message;
    @JsonPropertyDescription("When the next attempt is due, while Pending (RFC 3339).")
    private String nextAttemptAt;
    @JsonPropertyDescription("When the notification was requested (RFC 3339).")
    private String requestedAt;

    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getEvent() { return event; }
    public void setEvent(String event) { this.event = event; }
    public List<String> getRecipients() { return recipients; }
    public void setRecipients(List<String> recipients) { this.recipients = recipients; }
    public String getAbout() { return about; }
    public void setAbout(String about) { this.about = about; }
    public String getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(String nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getRequestedAt() { return requestedAt; }
    public void setRequestedAt(String requestedAt) { this.requestedAt = requestedAt; }
    public Outcome getOutcome() { return outcome; }
    public void setOutcome(Outcome outcome) { this.outcome = outcome; }
    public Integer getAttempts() { return attempts; }
    public void setAttempts(Integer attempts) { this.attempts = attempts; }
    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
}
