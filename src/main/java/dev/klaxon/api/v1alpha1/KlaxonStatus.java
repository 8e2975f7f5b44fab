package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What every Klaxon status carries: the generation it was computed from and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class KlaxonStatus {

    @JsonPropertyDescription("The metadata.generation of the spec this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Current conditions of the object. Every kind reports Ready; docs/operations.md lists each kind's reasons.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
}
