package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Planned work: while a window is active, the alerts it matches open no incident and page
 * nobody (the rule's status says which window holds them), and an alert still firing when it
 * ends opens its incident at once. A window may be published on a status page as scheduled
 * maintenance.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("mw")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Starts", jsonPath = ".status.startsAt", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ends", jsonPath = ".status.endsAt", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Comment", jsonPath = ".spec.comment", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MaintenanceWindow extends CustomResource<MaintenanceWindowSpec, MaintenanceWindowStatus> implements Namespaced {
}
