package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What the page shows, kept by the operator: the record the serving workload reads, and the
 * history that outlives the incidents it came from (bounded by count, age and bytes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatusPageStatus extends KlaxonStatus {

    @JsonPropertyDescription("The overall status: the worst status of any component.")
    private ComponentStatus status;

    @JsonPropertyDescription("Number of components.")
    private Integer componentCount;

    @JsonPropertyDescription("Number of published incidents not yet resolved.")
    private Integer activeIncidents;

    @JsonPropertyDescription("Each component's status now, in the order of spec.components.")
    private List<ComponentState> components = new ArrayList<>();

    @JsonPropertyDescription("Incidents published on this page, newest first: active ones, then resolved ones from the last 90 days (as many as fit the page's size budget).")
    private List<PublicIncident> incidents = new ArrayList<>();

    @JsonPropertyDescription("Published maintenance windows: upcoming and in progress, then completed ones of the last 90 days, newest first (at most 50).")
    private List<PublicMaintenance> maintenances = new ArrayList<>();

    @JsonPropertyDescription("Periods in which a component was not operational, newest first, from the last 90 days: the uptime history.")
    private List<ComponentPeriod> history = new ArrayList<>();

    public ComponentStatus getStatus() { return status; }
    public void setStatus(ComponentStatus status) { this.status = status; }
    public Integer getComponentCount() { return componentCount; }
    public void setComponentCount(Integer componentCount) { this.componentCount = componentCount; }
    public Integer getActiveIncidents() { return activeIncidents; }
    public void setActiveIncidents(Integer activeIncidents) { this.activeIncidents = activeIncidents; }
    public List<ComponentState> getComponents() { return components; }
    public void setComponents(List<ComponentState> components) { this.components = components; }
    public List<PublicIncident> getIncidents() { return incidents; }
    public void setIncidents(List<PublicIncident> incidents) { this.incidents = incidents; }
    public List<ComponentPeriod> getHistory() { return history; }
    public void setHistory(List<ComponentPeriod> history) { this.history = history; }
    public List<PublicMaintenance> getMaintenances() { return maintenances; }
    public void setMaintenances(List<PublicMaintenance> maintenances) { this.maintenances = maintenances; }
}
