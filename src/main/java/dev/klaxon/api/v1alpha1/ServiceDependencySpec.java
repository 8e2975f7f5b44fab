package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Which services depend on which, within the namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.services.all(s, !(s in self.dependsOn))", message = "a service cannot depend on itself", fieldPath = ".dependsOn")
public class ServiceDependencySpec {

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_DEPENDENCY_SERVICES)
    @JsonPropertyDescription("The dependent services, e.g. [checkout, storefront]. An alert is of a service when its labels (with its rule's "
            + "spec.labels) have service: <name>, or its rule's incident.affectedServices lists it.")
    private List<@Size(min = 1, max = 63) String> services = new ArrayList<>();

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_DEPENDENCY_SERVICES)
    @JsonPropertyDescription("The services they depend on, e.g. [payments-db]. An incident is of a service when its spec.impact.affectedServices "
            + "lists it or its alert's labels have service: <name>. Dependencies are followed: if payments-db depends on storage, "
            + "an open storage incident holds back checkout's alerts too.")
    private List<@Size(min = 1, max = 63) String> dependsOn = new ArrayList<>();

    public List<String> getServices() { return services; }
    public void setServices(List<String> services) { this.services = services; }
    public List<String> getDependsOn() { return dependsOn; }
    public void setDependsOn(List<String> dependsOn) { this.dependsOn = dependsOn; }
}
