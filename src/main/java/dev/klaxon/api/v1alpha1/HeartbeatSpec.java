package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What signal is expected, how often, and the incident its absence opens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.checkIn) ? 1 : 0) + (has(self.cronJob) ? 1 : 0) + (has(self.alert) ? 1 : 0) == 1",
        message = "exactly one signal: checkIn, cronJob or alert")
@ValidationRule(value = "has(self.cronJob) || has(self.period)", message = "period is required for a checkIn or an alert (a cronJob's comes from its schedule)")
public class HeartbeatSpec {

    @JsonPropertyDescription("What this heartbeat stands for, for people reading it and in its incidents.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @Pattern(Durations.PATTERN)
    @Size(max = KlaxonApi.MAX_TIME)
    @JsonPropertyDescription("How often the signal is expected, as a duration (e.g. 5m, 1d), at least 1s. Required for a checkIn or an alert; "
            + "a cronJob's signal is expected on its schedule.")
    private String period;

    @Default("1m")
    @Pattern(Durations.PATTERN)
    @Size(max = KlaxonApi.MAX_TIME)
    @JsonPropertyDescription("How late the signal may be before the heartbeat counts as missed (e.g. the job's usual run time, plus slack). Default 1m.")
    private String grace = "1m";

    @JsonPropertyDescription("The signal is an HTTP check-in: POST (or GET) /heartbeats/<namespace>/<name> on the operator's heartbeat port "
            + "with the bearer token.")
    private CheckIn checkIn;

    @JsonPropertyDescription("The signal is a CronJob of this namespace succeeding: a scheduled run that has not succeeded by its time plus "
            + "the grace is a missed heartbeat (with the failed Job's reason).")
    private CronJobSignal cronJob;

    @JsonPropertyDescription("The signal is an alert that keeps arriving through an AlertSource of this namespace (the Watchdog pattern: "
            + "an always-firing alert, repeated by Alertmanager's repeat_interval, which must be shorter than the period). That alert opens no incident of its own.")
    private AlertSignal alert;

    @Default("SEV2")
    @JsonPropertyDescription("Severity of the incident a missed heartbeat opens. Default SEV2.")
    private Severity severity = Severity.SEV2;

    @Default("availability")
    @JsonPropertyDescription("Category of that incident. Default availability.")
    private Category category = Category.AVAILABILITY;

    @Size(max = KlaxonApi.MAX_ITEM)
    @JsonPropertyDescription("Title of that incident. Default: Heartbeat <name> missed.")
    private String title;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Name of an EscalationPolicy in this namespace that pages people about that incident.")
    private String escalationPolicyRef;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Name of a Playbook in this namespace to start for that incident.")
    private String playbookRef;

    /** An HTTP check-in's credentials. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CheckIn {
        @Required
        @JsonPropertyDescription("The bearer token a check-in sends: a key of a Secret in the operator's namespace, shared with this namespace "
                + "alone by the annotation klaxon.dev/channel-namespaces, as for an AlertSource's token.")
        private SecretKeyRef tokenSecretRef;

        public SecretKeyRef getTokenSecretRef() { return tokenSecretRef; }
        public void setTokenSecretRef(SecretKeyRef tokenSecretRef) { this.tokenSecretRef = tokenSecretRef; }
    }

    /** An alert whose arrival is the signal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AlertSignal {
        @Required
        @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
        @Size(max = 63)
        @JsonPropertyDescription("Name of the AlertSource, in this namespace, the alert arrives through.")
        private String alertSourceRef;

        @Default("Watchdog")
        @Size(max = KlaxonApi.MAX_LABEL_VALUE)
        @JsonPropertyDescription("The alertname label of the alert. Default Watchdog (kube-prometheus' always-firing alert).")
        private String alertname = "Watchdog";

        public String getAlertSourceRef() { return alertSourceRef; }
        public void setAlertSourceRef(String alertSourceRef) { this.alertSourceRef = alertSourceRef; }
        public String getAlertname() { return alertname; }
        public void setAlertname(String alertname) { this.alertname = alertname; }
    }

    /** A CronJob whose successful runs are the signal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CronJobSignal {
        @Required
        @Pattern(KlaxonApi.NAME_PATTERN)
        @Size(max = KlaxonApi.MAX_NAME)
        @JsonPropertyDescription("Name of the CronJob, in this namespace.")
        private String name;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
    }

    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public String getGrace() { return grace; }
    public void setGrace(String grace) { this.grace = grace; }
    public CheckIn getCheckIn() { return checkIn; }
    public void setCheckIn(CheckIn checkIn) { this.checkIn = checkIn; }
    public CronJobSignal getCronJob() { return cronJob; }
    public void setCronJob(CronJobSignal cronJob) { this.cronJob = cronJob; }
    public AlertSignal getAlert() { return alert; }
    public void setAlert(AlertSignal alert) { this.alert = alert; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getEscalationPolicyRef() { return escalationPolicyRef; }
    public void setEscalationPolicyRef(String escalationPolicyRef) { this.escalationPolicyRef = escalationPolicyRef; }
    public String getPlaybookRef() { return playbookRef; }
    public void setPlaybookRef(String playbookRef) { this.playbookRef = playbookRef; }
}
