package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A post-incident review (the guide's PIR), kept in Git and reviewed like code: prefilled from
 * its incident by the operator, written by people, with action items tracked until done.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("pir")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Incident", jsonPath = ".spec.incidentRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".spec.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Open", jsonPath = ".status.openActionItems", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Overdue", jsonPath = ".status.overdueActionItems", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PostIncidentReview extends CustomResource<PostIncidentReviewSpec, PostIncidentReviewStatus> implements Namespaced {
}
