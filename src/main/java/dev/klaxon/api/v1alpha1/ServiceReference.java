package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A service of one namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceReference {

    @Required
    @Size(min = 1, max = 63)
    @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The namespace whose incidents are the service's.")
    private String namespace;

    @Required
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("The service, as incidents name it (spec.impact.affectedServices, or their alert's service label).")
    private String service;

    public ServiceReference() {
    }

    public ServiceReference(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
}
