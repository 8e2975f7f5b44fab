package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertCounts;
import dev.klaxon.api.v1alpha1.Incident;
import java.util.List;
import java.util.Optional;

/**
 * The alerts that share one incident: those of an alert storm beyond the rule's
 * {@code incident.maxOpenIncidents}. The incident package owns this interface, to list them in
 * the incident's status; the alerting package, which evaluates them, implements it.
 */
public interface SharedAlerts {

    /** The most relevant of them, bounded in bytes, with counts of all of them. */
    record Listed(List<Alert> alerts, AlertCounts counts) {
    }

    /** Empty for an incident no storm shares (or before the rule's first evaluation in this process). */
    Optional<Listed> of(Incident incident);
}
