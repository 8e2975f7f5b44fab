package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What a maintenance window holds back, and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.startsAt) == has(self.endsAt)", message = "spec.startsAt and spec.endsAt go together", fieldPath = ".endsAt")
@ValidationRule(value = "has(self.startsAt) || has(self.recurrence)",
        message = "a window needs spec.startsAt and spec.endsAt, or spec.recurrence (or both: the recurrence within those bounds)")
@ValidationRule(value = "!has(self.startsAt) || !has(self.endsAt) || timestamp(self.endsAt) > timestamp(self.startsAt)",
        message = "spec.endsAt must be after spec.startsAt", fieldPath = ".endsAt")
@ValidationRule(value = "has(self.createdBy) == has(oldSelf.createdBy) && (!has(self.createdBy) || self.createdBy == oldSelf.createdBy)",
        message = "spec.createdBy cannot change (nor be added later)", fieldPath = ".createdBy")
public class MaintenanceWindowSpec {

    @Required
    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("What the work is and why, for the team (shown in kubectl get; never on a status page, which shows publication.title).")
    private String comment;

    @Size(max = 253)
    @JsonPropertyDescription("Who made the window. With the chart's admission policy it must be the user who creates it, and it never changes.")
    private String createdBy;

    @Required
    @Size(min = 1, max = 20)
    @JsonPropertyDescription("What the window holds back: alerts that match all of these (as Alertmanager's matchers; regular expressions are anchored).")
    private List<MaintenanceMatcher> matchers = new ArrayList<>();

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When a one-off window starts (RFC 3339); with a recurrence, the first day it may start.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String startsAt;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When a one-off window ends (RFC 3339); with a recurrence, after this it never starts again. A window ends by itself.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String endsAt;

    @JsonPropertyDescription("A window that comes back, like Alertmanager's time_intervals: on these weekdays, these times, in this time zone.")
    private MaintenanceRecurrence recurrence;

    @JsonPropertyDescription("Show the window on a status page of this namespace as scheduled maintenance.")
    private MaintenancePublication publication;

    @Size(max = 10)
    @JsonPropertyDescription("NotificationChannels (this namespace, internal: not PagerDuty, not for customers) told when each occurrence starts "
            + "and when it ends, with, at the end, the alerts it held back that still fire and open their incidents now.")
    private List<@Size(max = KlaxonApi.MAX_NAME) @Pattern(KlaxonApi.NAME_PATTERN) String> channels;

    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public List<MaintenanceMatcher> getMatchers() { return matchers; }
    public void setMatchers(List<MaintenanceMatcher> matchers) { this.matchers = matchers; }
    public String getStartsAt() { return startsAt; }
    public void setStartsAt(String startsAt) { this.startsAt = startsAt; }
    public String getEndsAt() { return endsAt; }
    public void setEndsAt(String endsAt) { this.endsAt = endsAt; }
    public MaintenanceRecurrence getRecurrence() { return recurrence; }
    public void setRecurrence(MaintenanceRecurrence recurrence) { this.recurrence = recurrence; }
    public List<String> getChannels() { return channels; }
    public void setChannels(List<String> channels) { this.channels = channels; }
    public MaintenancePublication getPublication() { return publication; }
    public void setPublication(MaintenancePublication publication) { this.publication = publication; }
}
