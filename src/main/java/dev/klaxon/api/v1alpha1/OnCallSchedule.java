package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Who is on call when: rotation layers in a time zone, with restrictions and overrides. */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@ShortNames("oncall")
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "On-Call", jsonPath = ".status.onCallNow", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next-Handoff", jsonPath = ".status.nextHandoff", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextOnCall", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OnCallSchedule extends CustomResource<OnCallScheduleSpec, OnCallScheduleStatus> implements Namespaced {
}
