package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.model.annotation.Categories;

/**
 * A signal that must keep arriving: a check-in over HTTP (a cron script, a CI job) or a
 * CronJob's successful runs. When it stops for longer than its period and grace, an Incident
 * opens (with the severity and escalation said here) and resolves when the signal returns: the
 * silence of something that should speak is paged like any other failure.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("hb")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Signal", jsonPath = ".status.lastSignalAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Incident", jsonPath = ".status.incident", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Heartbeat extends CustomResource<HeartbeatSpec, HeartbeatStatus> implements Namespaced {
}
