package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import java.util.Optional;

/**
 * Starts the playbook run an alert's incident is owed (the rule's {@code incident.playbookRef}).
 * The incident package owns this interface and asks on every reconcile of an open incident until
 * the run exists, so an operator that dies between opening the incident and starting its run
 * starts it at the next reconcile. The playbook package implements it.
 */
public interface AutoRunStarter {

    /** The playbook the operator signed onto this incident when it opened it for an alert, if any. */
    Optional<String> owedPlaybook(Incident incident);

    /**
     * Finds or creates the incident's run of the playbook, never a second one. Must not throw:
     * a failure is a Warning Event on the incident and an empty answer (asked again next time).
     *
     * @return the run's name
     */
    Optional<String> ensureRun(Incident incident, String playbook);
}
