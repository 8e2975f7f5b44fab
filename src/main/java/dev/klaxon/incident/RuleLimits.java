package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import java.util.Optional;

/**
 * The hourly limits the AlertRule that opened an incident puts on its incidents: how many start
 * paging and how many start their playbook run. The incident package owns this interface; the
 * alerting package, which knows the rules, implements it.
 */
public interface RuleLimits {

    record Limits(int pagedIncidentsPerHour, int autoRunsPerHour) {
    }

    /**
     * The limits of the rule that opened this incident, if the operator opened it for a rule's
     * alert (its signature holds). Empty for declared incidents and for the incident the alerts of
     * a storm share, which nothing holds back.
     */
    Optional<Limits> of(Incident incident);
}
