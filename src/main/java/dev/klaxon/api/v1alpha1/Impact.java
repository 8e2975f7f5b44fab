package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** Who and what an incident affects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Impact {

    @JsonPropertyDescription("Services affected.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_NAME) String> affectedServices;

    @JsonPropertyDescription("Regions affected.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_NAME) String> affectedRegions;

    @Min(0)
    @JsonPropertyDescription("Estimated number of affected users.")
    private Long affectedUsersEstimate;

    @Min(0)
    @JsonPropertyDescription("Estimated revenue impact, in the organisation's currency.")
    private Double revenueImpactEstimate;

    public List<String> getAffectedServices() { return affectedServices; }
    public void setAffectedServices(List<String> affectedServices) { this.affectedServices = affectedServices; }
    public List<String> getAffectedRegions() { return affectedRegions; }
    public void setAffectedRegions(List<String> affectedRegions) { this.affectedRegions = affectedRegions; }
    public Long getAffectedUsersEstimate() { return affectedUsersEstimate; }
    public void setAffectedUsersEstimate(Long affectedUsersEstimate) { this.affectedUsersEstimate = affectedUsersEstimate; }
    public Double getRevenueImpactEstimate() { return revenueImpactEstimate; }
    public void setRevenueImpactEstimate(Double revenueImpactEstimate) { this.revenueImpactEstimate = revenueImpactEstimate; }
}
