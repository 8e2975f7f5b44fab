package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** An amount of CPU and of memory, as Kubernetes quantities. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceAmounts {

    /** A Kubernetes quantity: a number with an optional decimal (m, k, M, G, T) or binary (Ki, Mi, Gi, Ti) suffix. */
    static final String QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$";

    @Pattern(QUANTITY_PATTERN)
    @JsonPropertyDescription("CPU, e.g. 100m (a tenth of a core) or 1.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String cpu;

    @Pattern(QUANTITY_PATTERN)
    @JsonPropertyDescription("Memory, e.g. 128Mi or 1Gi.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String memory;

    public String getCpu() { return cpu; }
    public void setCpu(String cpu) { this.cpu = cpu; }
    public String getMemory() { return memory; }
    public void setMemory(String memory) { this.memory = memory; }
}
