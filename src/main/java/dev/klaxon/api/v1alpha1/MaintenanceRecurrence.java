package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Weekdays and times of day, in a time zone (Alertmanager's time_intervals: weekdays and times). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceRecurrence {

    /** A day of the week. */
    public enum Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday }

    @Size(max = 7)
    @JsonPropertyDescription("The days it starts on; none: every day.")
    private List<Weekday> weekdays = new ArrayList<>();

    @Required
    @Size(min = 1, max = 10)
    @JsonPropertyDescription("The times of day, each start to end (an end before the start runs past midnight).")
    private List<TimeRange> times = new ArrayList<>();

    @Default("UTC")
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone of the times, e.g. Europe/Berlin (daylight saving is followed).")
    private String timeZone = "UTC";

    public List<Weekday> getWeekdays() { return weekdays; }
    public void setWeekdays(List<Weekday> weekdays) { this.weekdays = weekdays; }
    public List<TimeRange> getTimes() { return times; }
    public void setTimes(List<TimeRange> times) { this.times = times; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
}
