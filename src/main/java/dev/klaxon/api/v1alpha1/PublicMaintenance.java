package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One occurrence of a published maintenance window, as the page shows it (Statuspage's scheduled maintenance). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublicMaintenance {

    /** Statuspage's maintenance states that Klaxon uses. */
    public enum State { scheduled, in_progress, completed }

    @JsonPropertyDescription("Stable id: the window's uid and the occurrence's start.")
    private String id;

    @JsonPropertyDescription("The MaintenanceWindow.")
    private String window;

    @JsonPropertyDescription("The public title.")
    private String name;

    @JsonPropertyDescription("scheduled, in_progress or completed.")
    private State status;

    @JsonPropertyDescription("Start (RFC 3339).")
    private String scheduledFor;

    @JsonPropertyDescription("End (RFC 3339).")
    private String scheduledUntil;

    @JsonPropertyDescription("Component ids under maintenance.")
    private List<String> components = new ArrayList<>();

    @JsonPropertyDescription("When the page first showed it (RFC 3339).")
    private String createdAt;

    @JsonPropertyDescription("When this record last changed (RFC 3339).")
    private String updatedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public State getStatus() { return status; }
    public void setStatus(State status) { this.status = status; }
    public String getScheduledFor() { return scheduledFor; }
    public void setScheduledFor(String scheduledFor) { this.scheduledFor = scheduledFor; }
    public String getScheduledUntil() { return scheduledUntil; }
    public void setScheduledUntil(String scheduledUntil) { this.scheduledUntil = scheduledUntil; }
    public List<String> getComponents() { return components; }
    public void setComponents(List<String> components) { this.components = components; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }
}
