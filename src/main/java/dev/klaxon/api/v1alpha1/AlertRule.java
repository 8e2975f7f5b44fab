package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** When is it an incident: PromQL conditions evaluated on an interval. */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("ar")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Severity", jsonPath = ".spec.severity", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Evaluated", jsonPath = ".status.lastEvaluationTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AlertRule extends CustomResource<AlertRuleSpec, AlertRuleStatus> implements Namespaced {
}
