package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Someone covering a stretch of the schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "timestamp(self.end) > timestamp(self.start)", message = "an override must end after it starts", fieldPath = ".end")
public class ScheduleOverride {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Who is on call during the override.")
    private String user;

    @Required
    @JsonPropertyDescription("Start (RFC 3339, e.g. 2026-12-24T18:00:00+01:00).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String start;

    @Required
    @JsonPropertyDescription("End (RFC 3339), after start.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String end;

    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
}
