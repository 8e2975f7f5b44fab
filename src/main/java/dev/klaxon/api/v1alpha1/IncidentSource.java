package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** The alert an incident was opened for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentSource {

    @JsonPropertyDescription("Name of the AlertRule that opened the incident.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String alertRule;

    @JsonPropertyDescription("Name of the AlertSource (an Alertmanager) whose alert opened the incident.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String alertSource;

    @JsonPropertyDescription("Fingerprint of the alert (a hash of its identifying labels) within the rule.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String fingerprint;

    @Size(max = 64)
    @JsonPropertyDescription("Labels of the alert when it fired.")
    @ValidationRule(value = KlaxonApi.KEYS_ARE_LABEL_NAMES, message = "names have at most 128 characters")
    private Map<String, @Size(max = KlaxonApi.MAX_LABEL_VALUE) String> labels;

    @JsonPropertyDescription("The query value when the alert fired, as text (e.g. 0.083).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String value;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @Size(max = KlaxonApi.MAX_TIME)
    @JsonPropertyDescription("When the alert (for a group: its earliest alert) began firing, as its AlertSource said: a resolution of an alert that began earlier (a replayed notification of a previous firing) does not resolve this incident.")
    private String startsAt;

    public String getStartsAt() { return startsAt; }
    public void setStartsAt(String startsAt) { this.startsAt = startsAt; }
    public String getAlertRule() { return alertRule; }
    public void setAlertRule(String alertRule) { this.alertRule = alertRule; }
    public String getAlertSource() { return alertSource; }
    public void setAlertSource(String alertSource) { this.alertSource = alertSource; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
}
