package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Who is on call now and next, kept current by a timer at each hand-off. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnCallScheduleStatus extends KlaxonStatus {

    @JsonPropertyDescription("Who is on call now; absent when nobody is.")
    private String onCallNow;

    @JsonPropertyDescription("Why: 'layer <name>' or 'override'.")
    private String onCallSource;

    @JsonPropertyDescription("When the person on call changes next (RFC 3339).")
    private String nextHandoff;

    @JsonPropertyDescription("Who is on call from nextHandoff; absent when nobody is.")
    private String nextOnCall;

    @JsonPropertyDescription("The coming shifts, from now, for 'kubectl klaxon oncall --at': up to 14 days or 50 shifts.")
    private List<Shift> upcoming = new ArrayList<>();

    public String getOnCallNow() { return onCallNow; }
    public void setOnCallNow(String onCallNow) { this.onCallNow = onCallNow; }
    public String getOnCallSource() { return onCallSource; }
    public void setOnCallSource(String onCallSource) { this.onCallSource = onCallSource; }
    public String getNextHandoff() { return nextHandoff; }
    public void setNextHandoff(String nextHandoff) { this.nextHandoff = nextHandoff; }
    public String getNextOnCall() { return nextOnCall; }
    public void setNextOnCall(String nextOnCall) { this.nextOnCall = nextOnCall; }
    public List<Shift> getUpcoming() { return upcoming; }
    public void setUpcoming(List<Shift> upcoming) { this.upcoming = upcoming; }
}
