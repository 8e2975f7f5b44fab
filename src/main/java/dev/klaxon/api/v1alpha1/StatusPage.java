package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A status page: the components customers know, and the incidents published on it. The operator
 * keeps its status (component status, public incidents, uptime history); a separate read-only
 * workload serves it.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("sp")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Components", jsonPath = ".status.componentCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeIncidents", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class StatusPage extends CustomResource<StatusPageSpec, StatusPageStatus> implements Namespaced {
}
