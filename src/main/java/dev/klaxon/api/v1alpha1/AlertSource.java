package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An Alertmanager that sends its alerts to Klaxon: its webhook receiver posts to the path in
 * status, with the bearer token of the Secret named here, and each alert (or each group) becomes
 * an Incident of this namespace with the severity, category and escalation said here.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("asrc")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Grouping", jsonPath = ".spec.grouping", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Path", jsonPath = ".status.webhookPath", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AlertSource extends CustomResource<AlertSourceSpec, AlertSourceStatus> implements Namespaced {
}
