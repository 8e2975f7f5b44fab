package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One move of a run or one of its steps. Runs only ever append these, so the incident's timeline
 * can copy the ones it has not seen yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunTransition {

    @JsonPropertyDescription("When it happened (RFC 3339).")
    private String time;
    @JsonPropertyDescription("The step that moved; absent when the run itself moved.")
    private String step;
    @JsonPropertyDescription("The phase the step (or the run) moved to.")
    private String phase;
    @JsonPropertyDescription("What happened, for people.")
    private String message;
    @JsonPropertyDescription("Who caused it: the requester, an approver, or klaxon for the operator.")
    private String author;

    public RunTransition() {
    }

    public RunTransition(String time, String step, String phase, String message, String author) {
        this.time = time;
        this.step = step;
        this.phase = phase;
        this.message = message;
        this.author = author;
    }

    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getStep() { return step; }
    public void setStep(String step) { this.step = step; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
}
