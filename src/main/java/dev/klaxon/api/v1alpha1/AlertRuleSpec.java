package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.severity != 'Auto' || has(self.classification)",
        message = "severity Auto needs spec.classification (the queries the severity table is evaluated from)",
        fieldPath = ".classification", reason = "FieldValueRequired")
public class AlertRuleSpec {

    public enum RuleSeverity { SEV1, SEV2, SEV3, SEV4, SEV5, Auto }

    public enum Match { All, Any }

    @JsonPropertyDescription("What this rule detects, for people reading the rule.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @Required
    @JsonPropertyDescription("Severity of the incidents this rule opens: SEV1 (critical) to SEV5, or Auto to classify each incident from spec.classification.")
    private RuleSeverity severity;

    @Required
    @JsonPropertyDescription("Category of the incidents this rule opens.")
    private Category category;

    @Default("30s")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How often the rule is evaluated, as a duration (e.g. 30s, 1m). Default 30s.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String interval = "30s";

    @Required
    @Size(min = 1, max = 10)
    @JsonPropertyDescription("The conditions to evaluate (1 to 10); spec.match says how they combine.")
    private List<AlertCondition> conditions = new ArrayList<>();

    @Default("All")
    @JsonPropertyDescription("How conditions combine per alert: All must hold, or Any one of them. Default All.")
    private Match match = Match.All;

    @Size(max = 20)
    @JsonPropertyDescription("Label names that identify one alert. Series that agree on these labels are one alert. Default: all of the series' labels.")
    private List<@Size(max = KlaxonApi.MAX_LABEL_NAME) @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$") String> groupBy;

    @JsonProperty("for")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long the conditions must hold (pending) before the alert fires and opens an incident. Default 0: fire at once.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String forDuration;

    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long an alert keeps firing after its conditions stop holding, so a flapping signal does not resolve and reopen incidents.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String keepFiringFor;

    /** What an empty answer means for a rule's alerts (the choices Grafana alerting offers). */
    public enum NoData {
        /** Every alert keeps its state: a firing alert stays firing (noDataSince) and resolves only once data is back below threshold. */
        Keep,
        /** No data is quiet: alerts stop firing (Prometheus's own behaviour). */
        Resolve,
        /** No data counts as the condition holding: a pending alert goes on to fire. */
        Alert
    }

    @Default("Keep")
    @JsonPropertyDescription("What it means when a successful query answers nothing at all (target down, scrape broken, a fresh Prometheus): Keep (default: every alert stays as it was, a firing one keeps firing and shows noDataSince, until data is back below threshold), Resolve (quiet), or Alert (holding). One series ending while others still answer is that alert going quiet. Absence conditions keep their meaning.")
    private NoData noData = NoData.Keep;

    @Default("{}")
    @JsonPropertyDescription("Whether and when an incident resolves itself after its alert stops firing. Default: enabled, after 5m.")
    private AutoResolve autoResolve;

    @JsonPropertyDescription("Labels added to every alert of this rule (and to the incident's source labels).")
    @Size(max = KlaxonApi.MAX_LIST)
    @ValidationRule(value = KlaxonApi.KEYS_ARE_LABEL_NAMES, message = "names have at most 128 characters")
    private Map<String, @Size(max = KlaxonApi.MAX_LABEL_VALUE) String> labels = new LinkedHashMap<>();

    @JsonPropertyDescription("Annotations such as summary and description; templates may use $labels.<name> and $value.")
    @Size(max = KlaxonApi.MAX_LIST)
    @ValidationRule(value = KlaxonApi.KEYS_ARE_LABEL_NAMES, message = "names have at most 128 characters")
    private Map<String, @Size(max = KlaxonApi.MAX_TEXT) String> annotations = new LinkedHashMap<>();

    @Pattern("^https?://.+")
    @JsonPropertyDescription("Link to the runbook for this alert (http or https URL).")
    @Size(max = KlaxonApi.MAX_URL)
    private String runbookUrl;

    @JsonPropertyDescription("How the incidents this rule opens are described and handled.")
    private IncidentTemplate incident;

    @JsonPropertyDescription("Queries the severity table is evaluated from when severity is Auto.")
    private Classification classification;

    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public RuleSeverity getSeverity() { return severity; }
    public void setSeverity(RuleSeverity severity) { this.severity = severity; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getInterval() { return interval; }
    public void setInterval(String interval) { this.interval = interval; }
    public List<AlertCondition> getConditions() { return conditions; }
    public void setConditions(List<AlertCondition> conditions) { this.conditions = conditions; }
    public Match getMatch() { return match; }
    public void setMatch(Match match) { this.match = match; }
    public List<String> getGroupBy() { return groupBy; }
    public void setGroupBy(List<String> groupBy) { this.groupBy = groupBy; }
    public NoData getNoData() { return noData; }
    public void setNoData(NoData noData) { this.noData = noData; }
    public String getForDuration() { return forDuration; }
    public void setForDuration(String forDuration) { this.forDuration = forDuration; }
    public String getKeepFiringFor() { return keepFiringFor; }
    public void setKeepFiringFor(String keepFiringFor) { this.keepFiringFor = keepFiringFor; }
    public AutoResolve getAutoResolve() { return autoResolve; }
    public void setAutoResolve(AutoResolve autoResolve) { this.autoResolve = autoResolve; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
    public String getRunbookUrl() { return runbookUrl; }
    public void setRunbookUrl(String runbookUrl) { this.runbookUrl = runbookUrl; }
    public IncidentTemplate getIncident() { return incident; }
    public void setIncident(IncidentTemplate incident) { this.incident = incident; }
    public Classification getClassification() { return classification; }
    public void setClassification(Classification classification) { this.classification = classification; }
}
