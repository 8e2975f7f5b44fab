package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A service level objective: the share of a service's events that must be good (e.g. 99.9 % of
 * requests answered without a 5xx, or within 300 ms) over a rolling window. The operator keeps
 * its error budget and burn rates, and opens an incident when the budget burns fast (a page) or
 * steadily (a ticket), by the Google SRE Workbook's multiwindow, multi-burn-rate alerts.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("slo")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Service", jsonPath = ".spec.service", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Objective", jsonPath = ".spec.objective", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Window", jsonPath = ".spec.window", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Budget Left %", jsonPath = ".status.budgetRemaining", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Incident", jsonPath = ".status.incident", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ServiceLevelObjective extends CustomResource<ServiceLevelObjectiveSpec, ServiceLevelObjectiveStatus> implements Namespaced {
}
