package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** People taking turns: each is on call for one rotation length, in order, from the start date. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.rotation != 'Custom' || has(self.length)", message = "a Custom rotation needs a length, e.g. 3d or 12h",
        fieldPath = ".length", reason = "FieldValueRequired")
public class RotationLayer {

    public enum Rotation { Daily, Weekly, Custom }

    @Required
    @Size(min = 1, max = 63)
    @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("Layer name, unique in the schedule.")
    private String name;

    @Required
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("User names, in rotation order.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> users = new ArrayList<>();

    @Default("Weekly")
    @JsonPropertyDescription("Daily, Weekly or Custom (then length applies). Default Weekly.")
    private Rotation rotation = Rotation.Weekly;

    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("Shift length of a Custom rotation, at least 1h. Whole days (3d, 2w) keep the hand-off at the same local time across daylight-saving changes; other lengths (12h) are exact.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String length;

    @Required
    @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    @JsonPropertyDescription("Date (in the schedule's time zone) the first user's first shift starts, e.g. 2026-11-02.")
    @Size(max = 10)
    private String start;

    @Default("09:00")
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Local time of day shifts change hands, HH:MM. Default 09:00.")
    @Size(max = 5)
    private String handoffTime = "09:00";

    @Size(max = 14)
    @JsonPropertyDescription("When the layer applies, e.g. weekdays 09:00-17:00. Empty: always. Outside them, lower layers apply.")
    private List<TimeRestriction> restrictions;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public List<String> getUsers() { return users; }
    public void setUsers(List<String> users) { this.users = users; }
    public Rotation getRotation() { return rotation; }
    public void setRotation(Rotation rotation) { this.rotation = rotation; }
    public String getLength() { return length; }
    public void setLength(String length) { this.length = length; }
    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getHandoffTime() { return handoffTime; }
    public void setHandoffTime(String handoffTime) { this.handoffTime = handoffTime; }
    public List<TimeRestriction> getRestrictions() { return restrictions; }
    public void setRestrictions(List<TimeRestriction> restrictions) { this.restrictions = restrictions; }
}
