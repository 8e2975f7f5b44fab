package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The objective's budget and burn as of the last write: written when the state changes, and
 * otherwise when a rounded figure changes, at most every few minutes (the klaxon_slo_* metrics
 * have every evaluation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceLevelObjectiveStatus extends KlaxonStatus {

    /** Where the objective stands. */
    public enum State {
        /** Not evaluated yet. */
        Pending,
        /** No burn-rate alert fires. */
        Ok,
        /** A ticket-level burn rate fires: its incident is open. */
        Ticket,
        /** A page-level burn rate fires: its incident is open. */
        Page,
        /** No events in the objective's window: nothing to measure. */
        NoData
    }

    @JsonPropertyDescription("Pending (not evaluated yet), Ok, Ticket or Page (a burn-rate alert of that level fires: its incident is open), "
            + "or NoData (no events in the window).")
    private State state;

    @JsonPropertyDescription("When the state last changed.")
    private String since;

    @JsonPropertyDescription("The share of good events over the window, in percent (compare with spec.objective).")
    private Double sli;

    @JsonPropertyDescription("The error budget left over the window, in percent of the window's budget: 100 is untouched, 0 spent, "
            + "below 0 the objective is missed.")
    private Double budgetRemaining;

    @JsonPropertyDescription("At the current burn rate (the first page-level long window), when the budget is spent; absent while it is not burning.")
    private String budgetExhaustedAt;

    @Size(max = 16)
    @JsonPropertyDescription("The burn rate over each window the alerts use: 1 spends exactly the budget over the objective's window.")
    private List<WindowBurnRate> burnRates;

    @Size(max = KlaxonApi.MAX_ITEM)
    @JsonPropertyDescription("Which burn-rate alert fires, with its figures; or why the objective is not evaluated.")
    private String message;

    @JsonPropertyDescription("The open incident of the burning budget.")
    private String incident;

    @JsonPropertyDescription("When the figures here were evaluated.")
    private String evaluatedAt;

    @Size(max = 90)
    @JsonPropertyDescription("The SLI of each complete UTC day, newest first (dailySliThrough's day first), up to 90 days back as far as "
            + "Prometheus has the events: percent of good events, a day without events counting as 100. Status pages show it as the "
            + "uptime of components naming this objective; written once a day.")
    private List<Double> dailySli;

    @Size(max = 10)
    @Pattern(KlaxonApi.DAY_PATTERN)
    @JsonPropertyDescription("The UTC day (YYYY-MM-DD) of dailySli's first value.")
    private String dailySliThrough;

    @Size(max = 16)
    @JsonPropertyDescription("A digest of the SLI's queries the days were counted with: after a restart, days of an SLI changed meanwhile "
            + "are read afresh.")
    private String dailySliQueries;

    /** One window's burn rate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WindowBurnRate {
        @JsonPropertyDescription("The window, e.g. 1h.")
        private String window;

        @JsonPropertyDescription("The burn rate over it (absent when the window has no events).")
        private Double burnRate;

        public WindowBurnRate() {
        }

        public WindowBurnRate(String window, Double burnRate) {
            this.window = window;
            this.burnRate = burnRate;
        }

        public String getWindow() { return window; }
        public void setWindow(String window) { this.window = window; }
        public Double getBurnRate() { return burnRate; }
        public void setBurnRate(Double burnRate) { this.burnRate = burnRate; }
    }

    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public List<Double> getDailySli() { return dailySli; }
    public void setDailySli(List<Double> dailySli) { this.dailySli = dailySli; }
    public String getDailySliQueries() { return dailySliQueries; }
    public void setDailySliQueries(String dailySliQueries) { this.dailySliQueries = dailySliQueries; }
    public String getDailySliThrough() { return dailySliThrough; }
    public void setDailySliThrough(String dailySliThrough) { this.dailySliThrough = dailySliThrough; }
    public Double getSli() { return sli; }
    public void setSli(Double sli) { this.sli = sli; }
    public Double getBudgetRemaining() { return budgetRemaining; }
    public void setBudgetRemaining(Double budgetRemaining) { this.budgetRemaining = budgetRemaining; }
    public String getBudgetExhaustedAt() { return budgetExhaustedAt; }
    public void setBudgetExhaustedAt(String budgetExhaustedAt) { this.budgetExhaustedAt = budgetExhaustedAt; }
    public List<WindowBurnRate> getBurnRates() { return burnRates; }
    public void setBurnRates(List<WindowBurnRate> burnRates) { this.burnRates = burnRates; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
    public String getEvaluatedAt() { return evaluatedAt; }
    public void setEvaluatedAt(String evaluatedAt) { this.evaluatedAt = evaluatedAt; }
}
