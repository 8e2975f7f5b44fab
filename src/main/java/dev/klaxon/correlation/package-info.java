/**
 * Alerts that belong with an incident already open, so they do not page again: a service's
 * alerts while a service it depends on has an open incident (ServiceDependency,
 * ClusterServiceDependency), and a rule's alerts that correlate with another rule's recent
 * incident under one escalation policy (its spec.correlation). For {@code alerting}, through its
 * {@code Suppressions}; the incidents are read through {@code incident}'s OpenIncidents. Not
 * here: maintenance windows (maintenance) and one rule's own grouping (alerting).
 */
package dev.klaxon.correlation;
