package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationPolicyStatus extends KlaxonStatus {

    @JsonPropertyDescription("Number of levels.")
    private Integer levelCount;

    public Integer getLevelCount() { return levelCount; }
    public void setLevelCount(Integer levelCount) { this.levelCount = levelCount; }
}
