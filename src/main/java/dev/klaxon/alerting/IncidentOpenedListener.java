package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;

/**
 * Told when the alert engine has just opened an incident for one of a rule's alerts, e.g. to
 * start the playbook the rule names. Alerting owns this interface, so it depends on no
 * implementation (the playbook package provides one).
 */
public interface IncidentOpenedListener {

    /** Must not throw: the incident is open whatever the listener does with it. */
    void opened(Incident incident, AlertRule rule);
}
