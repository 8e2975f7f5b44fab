package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** How an Alertmanager's alerts become incidents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSourceSpec {

    /** What one incident stands for. */
    public enum Grouping {
        /** One incident per alert (Alertmanager's fingerprint of its labels). */
        Alert,
        /** One incident per Alertmanager notification group (its groupKey): resolved when the whole group is. */
        Group
    }

    @Required
    @JsonPropertyDescription("The bearer token Alertmanager sends (http_config.authorization.credentials): a key of a Secret in the operator's namespace, shared with this namespace by the annotation klaxon.dev/channel-namespaces, as for channels.")
    private SecretKeyRef tokenSecretRef;

    @Default("Alert")
    @JsonPropertyDescription("Alert: an incident per alert (fingerprint). Group: an incident per notification group (groupKey), resolved when all its alerts are.")
    private Grouping grouping = Grouping.Alert;

    @Default("severity")
    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @JsonPropertyDescription("The alert label that says how bad it is. Its value maps to a severity by spec.severities, else by the built-in table (critical/page SEV1, error/high/major SEV2, warning/minor SEV3, info/low SEV4, none SEV5).")
    @Size(max = KlaxonApi.MAX_LABEL_NAME)
    private String severityLabel = "severity";

    @Size(max = 32)
    @JsonPropertyDescription("Severity label values and the severity each becomes, before the built-in table, e.g. {P1: SEV1}.")
    @ValidationRule(value = KlaxonApi.KEYS_ARE_LABEL_NAMES, message = "names have at most 128 characters")
    private Map<String, Severity> severities;

    @Default("SEV3")
    @JsonPropertyDescription("The severity of an alert whose label is missing or unknown.")
    private Severity defaultSeverity = Severity.SEV3;

    @JsonPropertyDescription("The category of the incidents (it also picks the playbooks suggested).")
    private Category category;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("The EscalationPolicy (this namespace) that pages for the incidents.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String escalationPolicyRef;

    @Default("service")
    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @JsonPropertyDescription("The alert label naming the affected service (the incident's impact.affectedServices, which status pages follow).")
    @Size(max = KlaxonApi.MAX_LABEL_NAME)
    private String serviceLabel = "service";

    @Default("20")
    @Min(1)
    @Max(500)
    @JsonPropertyDescription("At most this many open incidents of this source; alerts past it share one storm incident rather than page one by one.")
    private Integer maxOpenIncidents = 20;

    public SecretKeyRef getTokenSecretRef() { return tokenSecretRef; }
    public void setTokenSecretRef(SecretKeyRef tokenSecretRef) { this.tokenSecretRef = tokenSecretRef; }
    public Grouping getGrouping() { return grouping; }
    public void setGrouping(Grouping grouping) { this.grouping = grouping; }
    public String getSeverityLabel() { return severityLabel; }
    public void setSeverityLabel(String severityLabel) { this.severityLabel = severityLabel; }
    public Map<String, Severity> getSeverities() { return severities; }
    public void setSeverities(Map<String, Severity> severities) { this.severities = severities; }
    public Severity getDefaultSeverity() { return defaultSeverity; }
    public void setDefaultSeverity(Severity defaultSeverity) { this.defaultSeverity = defaultSeverity; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getEscalationPolicyRef() { return escalationPolicyRef; }
    public void setEscalationPolicyRef(String escalationPolicyRef) { this.escalationPolicyRef = escalationPolicyRef; }
    public String getServiceLabel() { return serviceLabel; }
    public void setServiceLabel(String serviceLabel) { this.serviceLabel = serviceLabel; }
    public Integer getMaxOpenIncidents() { return maxOpenIncidents; }
    public void setMaxOpenIncidents(Integer maxOpenIncidents) { this.maxOpenIncidents = maxOpenIncidents; }
}
