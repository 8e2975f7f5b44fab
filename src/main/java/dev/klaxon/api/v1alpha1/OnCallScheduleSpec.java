package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnCallScheduleSpec {

    @Required
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone the layers' start dates, hand-off times and restrictions are in, e.g. Europe/Berlin.")
    private String timeZone;

    @Required
    @Size(min = 1, max = 10)
    @ValidationRule(value = "self.all(l, self.exists_one(m, m.name == l.name))", message = "layer names must be unique")
    @JsonPropertyDescription("Rotation layers, lowest first: where a later layer has someone on call, it wins over the earlier ones.")
    private List<RotationLayer> layers = new ArrayList<>();

    @Size(max = 100)
    @ValidationRule(value = "self.all(c, self.exists_one(d, d.user == c.user))", message = "each user has one contact entry")
    @ValidationRule(value = "self.all(c, !has(c.slackUserId) || self.exists_one(d, has(d.slackUserId) && d.slackUserId == c.slackUserId))",
            message = "a Slack member ID belongs to one user")
    @JsonPropertyDescription("How the schedule's people are known in chat tools: a press of a page's Slack button by a listed member acts as that person "
            + "(when the incident's pages were for them). Editing contacts is a grant of authority: give it to whoever may edit the schedule's layers.")
    private List<Contact> contacts;

    @Size(max = 100)
    @JsonPropertyDescription("Who covers instead, and when; an override wins over every layer, and a later override over an earlier one.")
    private List<ScheduleOverride> overrides;

    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<RotationLayer> getLayers() { return layers; }
    public void setLayers(List<RotationLayer> layers) { this.layers = layers; }
    public List<ScheduleOverride> getOverrides() { return overrides; }
    public void setOverrides(List<ScheduleOverride> overrides) { this.overrides = overrides; }
    public List<Contact> getContacts() { return contacts; }
    public void setContacts(List<Contact> contacts) { this.contacts = contacts; }
}
