package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Severity;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Incident metrics on /q/metrics: open incidents, MTTA and MTTR by severity, SLA breaches. */
@ApplicationScoped
public class IncidentMetrics {

    private final MeterRegistry registry;

    public IncidentMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every severity is known up front: its series exist at zero from the start (Prometheus client
        // conventions), so a dashboard on a fresh install shows 0, not "No data".
        for (Severity severity : Severity.values()) {
            breaches(severity);
            unacknowledged(severity);
            reopens(severity);
            summary("klaxon.incident.mtta", "Time to acknowledge", severity);
            summary("klaxon.incident.mttr", "Time to resolve", severity);
        }
    }

    /** Open incidents by severity and category, counted from the operator's cache when scraped. */
    void watch(IndexedResourceCache<Incident> incidents) {
        for (Severity severity : Severity.values()) {
            for (Category category : Category.values()) {
                String categoryName = category.name().toLowerCase(Locale.ROOT);
                Gauge.builder("klaxon.incidents.open", incidents, cache -> cache.list()
                                .filter(i -> i.getSpec().getSeverity() == severity && i.getSpec().getCategory() == category)
                                .filter(i -> i.getSpec().getPhase() == null || i.getSpec().getPhase().isOpen())
                                .count())
                        .description("Open incidents").tag("severity", severity.name()).tag("category", categoryName)
                        .register(registry);
            }
        }
    }

    /**
     * Open incidents whose page of this round reached no channel, fallbacks included, and nobody
     * acknowledged (Ready=False, PageUndelivered): the dashboard's alarm that paging itself is broken.
     */
    void watchUndelivered(IndexedResourceCache<Incident> incidents) {
        for (Severity severity : Severity.values()) {
            Gauge.builder("klaxon.incidents.pages.undelivered", incidents, cache -> cache.list()
                            .filter(i -> i.getSpec().getSeverity() == severity && IncidentOpener.isOpen(i))
                            .filter(i -> i.getStatus() != null && i.getStatus().getConditions() != null && i.getStatus().getConditions().stream()
                                    .anyMatch(c -> dev.klaxon.api.v1alpha1.ConditionReason.PageUndelivered.name().equals(c.getReason())))
                            .map(i -> i.getMetadata().getUid()).distinct().count())
                    .description("Open incidents whose page reached no channel, fallbacks included").tag("severity", severity.name())
                    .register(registry);
        }
    }

    void acknowledged(Severity severity, long mttaSeconds) {
        summary("klaxon.incident.mtta", "Time to acknowledge", severity).record(mttaSeconds);
    }

    void resolved(Severity severity, long mttrSeconds) {
        summary("klaxon.incident.mttr", "Time to resolve", severity).record(mttrSeconds);
    }

    /** An incident resolved without anyone acknowledging it: left out of MTTA, counted here. */
    void resolvedUnacknowledged(Severity severity) {
        unacknowledged(severity).increment();
    }

    /** Resolved -> Investigating: each reopen starts a new round. */
    void reopened(Severity severity) {
        reopens(severity).increment();
    }

    void breached(Severity severity) {
        breaches(severity).increment();
    }

    private Counter unacknowledged(Severity severity) {
        return Counter.builder("klaxon.incidents.unacknowledged").description("Incidents resolved without an acknowledgment")
                .tag("severity", severity.name()).register(registry);
    }

    private Counter reopens(Severity severity) {
        return Counter.builder("klaxon.incidents.reopened").description("Incidents reopened after they were resolved")
                .tag("severity", severity.name()).register(registry);
    }

    private Counter breaches(Severity severity) {
        return Counter.builder("klaxon.incident.sla.breaches").description("SLA breaches").tag("severity", severity.name())
                .register(registry);
    }

    private DistributionSummary summary(String name, String description, Severity severity) {
        return DistributionSummary.builder(name).description(description).baseUnit("seconds").tag("severity", severity.name())
                .serviceLevelObjectives(60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400).register(registry);
    }
}
