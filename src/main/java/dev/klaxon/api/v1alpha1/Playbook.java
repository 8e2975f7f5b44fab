package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** What to do about an incident: a runbook whose steps run as Kubernetes Jobs. */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("pb")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Category", jsonPath = ".spec.category", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Steps", jsonPath = ".status.stepCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Playbook extends CustomResource<PlaybookSpec, PlaybookStatus> implements Namespaced {
}
