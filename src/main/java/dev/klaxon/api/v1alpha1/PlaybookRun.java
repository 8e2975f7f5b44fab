package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One execution of a Playbook, usually for an incident. */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("pbr")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Playbook", jsonPath = ".spec.playbookRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Incident", jsonPath = ".spec.incidentRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.currentStep", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Requested-By", jsonPath = ".spec.requestedBy", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// kubectl get playbookruns --field-selector spec.incidentRef=<incident>
@AdditionalSelectableField(jsonPath = ".spec.incidentRef")
@AdditionalSelectableField(jsonPath = ".spec.playbookRef")
public class PlaybookRun extends CustomResource<PlaybookRunSpec, PlaybookRunStatus> implements Namespaced {
}
