package dev.klaxon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Someone who asked to hear about a status page's incidents: an email address or a webhook URL.
 * Usually made by the status site when a visitor subscribes; told nothing but a confirmation link
 * until that link is followed, and deleted when its unsubscribe link is, or when it is not
 * confirmed within a day.
 */
@Group(KlaxonApi.GROUP)
@Version(KlaxonApi.VERSION)
@Categories(KlaxonApi.CATEGORY)
@AdditionalPrinterColumn(name = "Page", jsonPath = ".spec.page", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Email", jsonPath = ".spec.email", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Webhook", jsonPath = ".spec.webhook", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class StatusPageSubscriber extends CustomResource<StatusPageSubscriberSpec, StatusPageSubscriberStatus> implements Namespaced {
}
