package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether the source can receive, and where Alertmanager posts. Counts of alerts received are metrics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSourceStatus extends KlaxonStatus {

    @JsonPropertyDescription("The path on the operator's Alertmanager receiver port (the chart's <release>-alertmanager Service) for this source's webhook_configs url.")
    private String webhookPath;

    public String getWebhookPath() { return webhookPath; }
    public void setWebhookPath(String webhookPath) { this.webhookPath = webhookPath; }
}
