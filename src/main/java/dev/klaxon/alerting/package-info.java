/**
 * AlertRules: evaluating their Prometheus queries on each rule's interval (off the reconciler),
 * the state of every alert, and opening, updating and resolving the incidents alerts stand for;
 * alert storms and a rule's hourly budgets. Alerts from Alertmanager come in through {@code
 * alertmanager} instead.
 */
package dev.klaxon.alerting;
