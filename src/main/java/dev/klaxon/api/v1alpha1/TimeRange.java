package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** From one time of day to another. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.start != self.end", message = "a time range needs an end other than its start")
public class TimeRange {

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Start, HH:MM (24 h).")
    @Size(max = 5)
    private String start;

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("End, HH:MM (24 h); before the start: the next day.")
    @Size(max = 5)
    private String end;

    public TimeRange() {
    }

    public TimeRange(String start, String end) {
        this.start = start;
        this.end = end;
    }

    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
}
