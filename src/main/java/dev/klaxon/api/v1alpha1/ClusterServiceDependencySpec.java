package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Which services of which namespaces depend on which shared services. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterServiceDependencySpec {

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_DEPENDENCY_SERVICES)
    @JsonPropertyDescription("The shared services depended on, each a service of one namespace, e.g. {namespace: databases, service: postgres-shared}. "
            + "Whoever may create Incidents in that namespace can hold back the dependents' alerts: name one only its owners write to.")
    private List<ServiceReference> dependsOn = new ArrayList<>();

    @Size(max = 100)
    @JsonPropertyDescription("The namespaces whose alerts are held back; omitted: every namespace.")
    private List<@Size(min = 1, max = 63) @Pattern(KlaxonApi.DNS_LABEL_PATTERN) String> namespaces;

    @Size(max = KlaxonApi.MAX_DEPENDENCY_SERVICES)
    @JsonPropertyDescription("The dependent services there; omitted: every service (an alert of no service is never held back).")
    private List<@Size(min = 1, max = 63) String> services;

    public List<ServiceReference> getDependsOn() { return dependsOn; }
    public void setDependsOn(List<ServiceReference> dependsOn) { this.dependsOn = dependsOn; }
    public List<String> getNamespaces() { return namespaces; }
    public void setNamespaces(List<String> namespaces) { this.namespaces = namespaces; }
    public List<String> getServices() { return services; }
    public void setServices(List<String> services) { this.services = services; }
}
