package dev.klaxon.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A dependency on shared infrastructure, declared by a cluster administrator: while a named
 * service of a named namespace has an open incident, the dependent services' new alerts in the
 * namespaces it names are held back and listed on that incident. Cluster-scoped, so only who may
 * write cluster-wide objects can hold back one tenant's alerts on another's incident.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("csvcdep")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Namespaces", jsonPath = ".spec.namespaces", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ClusterServiceDependency extends CustomResource<ClusterServiceDependencySpec, ServiceDependencyStatus> {
}
