package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A weekly window, in the schedule's time zone, when a layer applies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeRestriction {

    public enum Day { Mon, Tue, Wed, Thu, Fri, Sat, Sun }

    @JsonPropertyDescription("Days the window starts on. Empty: every day.")
    @Size(max = 7)
    private List<Day> days;

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Local start time, HH:MM.")
    @Size(max = 5)
    private String start;

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Local end time, HH:MM; at or before start means the next day (22:00-06:00).")
    @Size(max = 5)
    private String end;

    public List<Day> getDays() { return days; }
    public void setDays(List<Day> days) { this.days = days; }
    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
}
