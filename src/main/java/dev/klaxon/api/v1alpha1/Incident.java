package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The record of one incident and its lifecycle. {@code kubectl get incidents} is the incident list. */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("inc")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Severity", jsonPath = ".spec.severity", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Title", jsonPath = ".spec.title", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Commander", jsonPath = ".spec.commander", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Incident extends CustomResource<IncidentSpec, IncidentStatus> implements Namespaced {
}
