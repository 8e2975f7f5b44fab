package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The service, how its events are told good from bad, the objective and window, and what the burning budget opens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.objective > 0.0 && self.objective < 100.0", message = "objective is a percentage above 0 and below 100 (e.g. 99.9)")
public class ServiceLevelObjectiveSpec {

    /** What a ratio SLI's good, bad or total may be: a series selector, or an expression with {@code {{.window}}} for its range. */
    public static final String SLI_QUERY_RULE = "self.matches('^[a-zA-Z_:][a-zA-Z0-9_:]*(\\\\{[^{}]*\\\\})?$') || self.contains('{{.window}}')";

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_LABEL_VALUE)
    @JsonPropertyDescription("The service the objective is about, as people name it (its incidents, reports and dashboards say it).")
    private String service;

    @Size(max = KlaxonApi.MAX_TEXT)
    @JsonPropertyDescription("What the objective promises, in words, for people reading it and in its incidents.")
    private String description;

    @Required
    @JsonPropertyDescription("How events are counted and told good from bad: a ratio of two counters, or a latency threshold over a histogram.")
    private Sli sli;

    @Required
    @JsonPropertyDescription("The percentage of events that must be good over the window, above 0 and below 100, e.g. 99.9. The error "
            + "budget is what is left: 0.1 % of the window's events.")
    private Double objective;

    @Default("30d")
    @Pattern("^(7d|28d|30d)$")
    @Size(max = 8)
    @JsonPropertyDescription("The rolling window the objective and its budget are counted over: 7d, 28d or 30d. Default 30d.")
    private String window = "30d";

    @JsonPropertyDescription("When the budget's burn opens an incident. Default: the SRE Workbook's pairs (page: 14.4x over 1h and 5m, "
            + "6x over 6h and 30m; ticket: 3x over 1d and 2h, 1x over 3d and 6h).")
    private Alerting alerting;

    @Default("availability")
    @JsonPropertyDescription("Category of the incidents the objective opens. Default availability.")
    private Category category = Category.AVAILABILITY;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Name of an EscalationPolicy in this namespace that pages people about the objective's incidents.")
    private String escalationPolicyRef;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("Name of a Playbook in this namespace to start for the objective's incidents.")
    private String playbookRef;

    /** The service level indicator: exactly one of a ratio or a latency threshold. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "(has(self.ratio) ? 1 : 0) + (has(self.latency) ? 1 : 0) == 1", message = "exactly one of ratio or latency")
    public static class Sli {
        @JsonPropertyDescription("Events counted by two counters: good (or bad) ones and all of them.")
        private Ratio ratio;

        @JsonPropertyDescription("Requests measured by a histogram: good ones are those at or under a bucket boundary.")
        private Latency latency;

        public Ratio getRatio() { return ratio; }
        public void setRatio(Ratio ratio) { this.ratio = ratio; }
        public Latency getLatency() { return latency; }
        public void setLatency(Latency latency) { this.latency = latency; }
    }

    /** Good (or bad) and total events, each a counter selector or a rate expression. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "(has(self.good) ? 1 : 0) + (has(self.bad) ? 1 : 0) == 1", message = "exactly one of good or bad")
    public static class Ratio {
        @Size(max = KlaxonApi.MAX_QUERY)
        @ValidationRule(value = SLI_QUERY_RULE, message = "a series selector of a counter (e.g. http_requests_total{job=\"api\",code!~\"5..\"}), "
                + "or an expression with {{.window}} for its range giving events per second")
        @JsonPropertyDescription("The good events: a series selector of a counter (e.g. http_requests_total{job=\"api\",code!~\"5..\"}), "
                + "whose rate the operator sums; or a PromQL expression with {{.window}} where the range goes ([{{.window}}], or a subquery's [{{.window}}:]), "
                + "giving events per second (as in Sloth). Series that do not exist count as no events.")
        private String good;

        @Size(max = KlaxonApi.MAX_QUERY)
        @ValidationRule(value = SLI_QUERY_RULE, message = "a series selector of a counter (e.g. http_requests_total{job=\"api\",code=~\"5..\"}), "
                + "or an expression with {{.window}} for its range giving events per second")
        @JsonPropertyDescription("Instead of good: the bad events, in the same form.")
        private String bad;

        @Required
        @Size(max = KlaxonApi.MAX_QUERY)
        @ValidationRule(value = SLI_QUERY_RULE, message = "a series selector of a counter (e.g. http_requests_total{job=\"api\"}), "
                + "or an expression with {{.window}} for its range giving events per second")
        @JsonPropertyDescription("All events, in the same form. No total in a window is no data: nothing burns, nothing pages.")
        private String total;

        public String getGood() { return good; }
        public void setGood(String good) { this.good = good; }
        public String getBad() { return bad; }
        public void setBad(String bad) { this.bad = bad; }
        public String getTotal() { return total; }
        public void setTotal(String total) { this.total = total; }
    }

    /** A histogram and the bucket boundary good requests stay within. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Latency {
        @Required
        @Size(max = KlaxonApi.MAX_QUERY)
        @Pattern("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^{}]*\\})?$")
        @JsonPropertyDescription("The histogram, by its base name and matchers, e.g. http_request_duration_seconds{job=\"api\"}: "
                + "the operator reads its _bucket and _count series.")
        private String histogram;

        @Required
        @Pattern("^[0-9]{1,15}(\\.[0-9]{1,15})?([eE][-+]?[0-9]{1,2})?$")
        @Size(max = 32)
        @JsonPropertyDescription("The bucket boundary (its le label, e.g. 0.3) at or under which a request is good: one of the histogram's buckets.")
        private String threshold;

        public String getHistogram() { return histogram; }
        public void setHistogram(String histogram) { this.histogram = histogram; }
        public String getThreshold() { return threshold; }
        public void setThreshold(String threshold) { this.threshold = threshold; }
    }

    /** The two levels of burn-rate alerts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Alerting {
        @JsonPropertyDescription("Fast burns that wake someone. Default: severity SEV2; 14.4x over 1h and 5m, 6x over 6h and 30m.")
        private Level page;

        @JsonPropertyDescription("Slow burns for working hours. Default: severity SEV4; 3x over 1d and 2h, 1x over 3d and 6h.")
        private Level ticket;

        public Level getPage() { return page; }
        public void setPage(Level page) { this.page = page; }
        public Level getTicket() { return ticket; }
        public void setTicket(Level ticket) { this.ticket = ticket; }
    }

    /** One level: its incidents' severity, and the burn rates that fire it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Level {
        @JsonPropertyDescription("Severity of the incident this level opens. Default SEV2 for page, SEV4 for ticket.")
        private Severity severity;

        @Size(max = 4)
        @JsonPropertyDescription("The burn rates that fire this level: any one whose long and short windows both burn at least its factor. "
                + "Empty: the level is off. Default: the Workbook's pairs.")
        private List<BurnRateWindow> burnRates;

        public Severity getSeverity() { return severity; }
        public void setSeverity(Severity severity) { this.severity = severity; }
        public List<BurnRateWindow> getBurnRates() { return burnRates; }
        public void setBurnRates(List<BurnRateWindow> burnRates) { this.burnRates = burnRates; }
    }

    /** A burn-rate alert: the budget burns at least {@code factor} times its sustainable rate over both windows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "self.factor > 0.0", message = "factor is above 0")
    public static class BurnRateWindow {
        @Required
        @JsonPropertyDescription("How many times faster than sustainable the budget burns (1 spends exactly the window's budget over the window).")
        private Double factor;

        @Required
        @Pattern("^[0-9]{1,3}(m|h|d)$")
        @Size(max = 8)
        @JsonPropertyDescription("The long window (e.g. 1h): the burn is significant. Whole minutes up to 6h, whole hours above; at most the objective's window.")
        private String longWindow;

        @Required
        @Pattern("^[0-9]{1,3}(m|h|d)$")
        @Size(max = 8)
        @JsonPropertyDescription("The short window (e.g. 5m): the burn is still going on, so the alert ends soon after the burn does. Shorter than longWindow.")
        private String shortWindow;

        public BurnRateWindow() {
        }

        public BurnRateWindow(double factor, String longWindow, String shortWindow) {
            this.factor = factor;
            this.longWindow = longWindow;
            this.shortWindow = shortWindow;
        }

        public Double getFactor() { return factor; }
        public void setFactor(Double factor) { this.factor = factor; }
        public String getLongWindow() { return longWindow; }
        public void setLongWindow(String longWindow) { this.longWindow = longWindow; }
        public String getShortWindow() { return shortWindow; }
        public void setShortWindow(String shortWindow) { this.shortWindow = shortWindow; }
    }

    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Sli getSli() { return sli; }
    public void setSli(Sli sli) { this.sli = sli; }
    public Double getObjective() { return objective; }
    public void setObjective(Double objective) { this.objective = objective; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public Alerting getAlerting() { return alerting; }
    public void setAlerting(Alerting alerting) { this.alerting = alerting; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getEscalationPolicyRef() { return escalationPolicyRef; }
    public void setEscalationPolicyRef(String escalationPolicyRef) { this.escalationPolicyRef = escalationPolicyRef; }
    public String getPlaybookRef() { return playbookRef; }
    public void setPlaybookRef(String playbookRef) { this.playbookRef = playbookRef; }
}
