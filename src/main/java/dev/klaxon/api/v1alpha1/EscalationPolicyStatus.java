package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalationPolicyStatus extends KlaxonStatus {

    @Min(0)
    @Max(10)
    @JsonPropertyDescription("Number of levels.")
    private Integer levelCount;

    public Integer getLevelCount() { return levelCount; }
    public void setLevelCount(Integer levelCount) { this.levelCount = levelCount; }
}
