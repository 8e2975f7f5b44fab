package dev.klaxon.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Services of a namespace that depend on others of the same namespace: while one of those has an
 * open incident, the dependents' new alerts open no incident of their own and page nobody; they
 * are listed on that incident instead, and open their own if they still fire once it resolves.
 * A namespace's dependencies hold back only its own alerts; see ClusterServiceDependency for
 * shared infrastructure.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("svcdep")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Services", jsonPath = ".spec.services", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Depend On", jsonPath = ".spec.dependsOn", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ServiceDependency extends CustomResource<ServiceDependencySpec, ServiceDependencyStatus> implements Namespaced {
}
