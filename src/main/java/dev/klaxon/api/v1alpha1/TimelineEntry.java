package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One event in an incident's history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimelineEntry {

    @JsonPropertyDescription("When it happened (RFC 3339).")
    private String time;
    @JsonPropertyDescription("What kind of event, in CamelCase, e.g. PhaseChanged, SeverityChanged, SlaBreached, StepFailed.")
    private String type;
    @JsonPropertyDescription("What happened, for people.")
    private String message;
    @JsonPropertyDescription("Who did it: a user name, or klaxon for the operator.")
    private String author;

    public TimelineEntry() {
    }

    public TimelineEntry(String time, String type, String message, String author) {
        this.time = time;
        this.type = type;
        this.message = message;
        this.author = author;
    }

    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
}
