package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * When a policy pages for low-urgency incidents: outside these hours such an incident is recorded
 * at once, and its first page waits for the next window to open. High-urgency ones always page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SupportHours {

    @Required
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone the windows are in, e.g. Europe/Berlin.")
    private String timeZone;

    @Required
    @Size(min = 1, max = 14)
    @JsonPropertyDescription("The support windows, e.g. {days: [Mon, Tue, Wed, Thu, Fri], start: \"09:00\", end: \"17:00\"}.")
    private List<TimeRestriction> windows = new ArrayList<>();

    @Required
    @Size(min = 1, max = 5)
    @JsonPropertyDescription("The low-urgency severities that wait for a window (e.g. [SEV4, SEV5]); every other severity pages at once.")
    private List<Severity> severities = new ArrayList<>();

    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<TimeRestriction> getWindows() { return windows; }
    public void setWindows(List<TimeRestriction> windows) { this.windows = windows; }
    public List<Severity> getSeverities() { return severities; }
    public void setSeverities(List<Severity> severities) { this.severities = severities; }
}
