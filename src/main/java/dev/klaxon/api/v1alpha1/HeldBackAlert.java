package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** A firing alert attached to this incident rather than opening (and paging for) its own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeldBackAlert {

    @JsonPropertyDescription("The namespace of the alert's rule.")
    private String namespace;
    @JsonPropertyDescription("The AlertRule the alert is of.")
    private String alertRule;
    @JsonPropertyDescription("The alert's identifying labels.")
    private Map<String, String> labels;
    @JsonPropertyDescription("When the alert fired (RFC 3339).")
    private String firingAt;
    @JsonPropertyDescription("Dependency (its service depends on this incident's) or Correlation (its policy groups incidents of the same service).")
    private HoldReason reason;

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getAlertRule() { return alertRule; }
    public void setAlertRule(String alertRule) { this.alertRule = alertRule; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public String getFiringAt() { return firingAt; }
    public void setFiringAt(String firingAt) { this.firingAt = firingAt; }
    public HoldReason getReason() { return reason; }
    public void setReason(HoldReason reason) { this.reason = reason; }
}
