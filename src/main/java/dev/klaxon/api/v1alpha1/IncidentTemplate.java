package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** How an AlertRule describes and routes the incidents it opens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentTemplate {

    public static final int MAX_TITLE = 256;

    @Size(max = MAX_TITLE)
    @JsonPropertyDescription("Incident title; may use $labels.<name> and $value. Default: the rule's name.")
    private String title;

    @JsonPropertyDescription("Services affected by incidents of this rule.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_NAME) String> affectedServices;

    @JsonPropertyDescription("Regions affected by incidents of this rule.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_NAME) String> affectedRegions;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of a Playbook in this namespace to start for each incident this rule opens.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String playbookRef;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of an EscalationPolicy in this namespace that pages people about each incident.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String escalationPolicyRef;

    @Min(1)
    @Max(5000)
    @JsonPropertyDescription("Most open incidents this rule keeps of its own (default " + DEFAULT_MAX_OPEN_INCIDENTS + "). "
            + "In an alert storm, alerts beyond it share one incident that says how many are firing, with a Warning Event IncidentCapReached.")
    private Integer maxOpenIncidents;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Most of this rule's incidents (or reopened rounds) that start paging in any hour (default "
            + DEFAULT_MAX_PAGED_INCIDENTS_PER_HOUR + "). Later ones wait, in the order they opened, until the hour allows "
            + "(status.pagingDeferredUntil), with a Warning Event PagingDeferred. The incident the alerts of a storm share is never held back.")
    private Integer maxPagedIncidentsPerHour;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Most playbook runs (incident.playbookRef) this rule's incidents start in any hour (default "
            + DEFAULT_MAX_AUTO_RUNS_PER_HOUR + "). Later incidents get their run when the hour allows (status.autoRunDeferredUntil).")
    private Integer maxAutoRunsPerHour;

    /** What an alert storm gets before its alerts share one incident. */
    public static final int DEFAULT_MAX_OPEN_INCIDENTS = 25;
    /** Above the default cap of open incidents, so a storm's own incidents page at once. */
    public static final int DEFAULT_MAX_PAGED_INCIDENTS_PER_HOUR = 30;
    public static final int DEFAULT_MAX_AUTO_RUNS_PER_HOUR = 10;

    public Integer getMaxPagedIncidentsPerHour() { return maxPagedIncidentsPerHour; }
    public void setMaxPagedIncidentsPerHour(Integer maxPagedIncidentsPerHour) { this.maxPagedIncidentsPerHour = maxPagedIncidentsPerHour; }
    public Integer getMaxAutoRunsPerHour() { return maxAutoRunsPerHour; }
    public void setMaxAutoRunsPerHour(Integer maxAutoRunsPerHour) { this.maxAutoRunsPerHour = maxAutoRunsPerHour; }

    public Integer getMaxOpenIncidents() { return maxOpenIncidents; }
    public void setMaxOpenIncidents(Integer maxOpenIncidents) { this.maxOpenIncidents = maxOpenIncidents; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public List<String> getAffectedServices() { return affectedServices; }
    public void setAffectedServices(List<String> affectedServices) { this.affectedServices = affectedServices; }
    public List<String> getAffectedRegions() { return affectedRegions; }
    public void setAffectedRegions(List<String> affectedRegions) { this.affectedRegions = affectedRegions; }
    public String getPlaybookRef() { return playbookRef; }
    public void setPlaybookRef(String playbookRef) { this.playbookRef = playbookRef; }
    public String getEscalationPolicyRef() { return escalationPolicyRef; }
    public void setEscalationPolicyRef(String escalationPolicyRef) { this.escalationPolicyRef = escalationPolicyRef; }
}
