package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A stretch of time one person (or nobody) is on call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Shift {

    @JsonPropertyDescription("Who is on call; absent when nobody is.")
    private String user;
    @JsonPropertyDescription("Why: 'layer <name>' or 'override'.")
    private String source;
    @JsonPropertyDescription("Start (RFC 3339, UTC).")
    private String start;
    @JsonPropertyDescription("End (RFC 3339, UTC).")
    private String end;

    public Shift() {
    }

    public Shift(String user, String source, String start, String end) {
        this.user = user;
        this.source = source;
        this.start = start;
        this.end = end;
    }

    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
}
