package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** People to page: users by name, whoever is on call in schedules, and channels that carry the message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.channels) && size(self.channels) > 0",
        message = "name at least one channel: users and schedules say who is paged, a NotificationChannel carries the page (without one nobody hears it)",
        fieldPath = ".channels", reason = "FieldValueRequired")
public class EscalationTargets {

    @Size(max = 50)
    @JsonPropertyDescription("User names.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> users;

    @Size(max = 20)
    @JsonPropertyDescription("Names of OnCallSchedules in this namespace: whoever is on call in each when the level is notified.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> schedules;

    @Size(max = 20)
    @JsonPropertyDescription("Names of NotificationChannels in this namespace that carry the message, naming the people paged.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> channels;

    public List<String> getUsers() { return users; }
    public void setUsers(List<String> users) { this.users = users; }
    public List<String> getSchedules() { return schedules; }
    public void setSchedules(List<String> schedules) { this.schedules = schedules; }
    public List<String> getChannels() { return channels; }
    public void setChannels(List<String> channels) { this.channels = channels; }
}
