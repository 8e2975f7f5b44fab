/**
 * The incident record: lifecycle and phases, MTTA/MTTR, SLA timers, rounds, the timeline, paging
 * through escalation, suggested playbooks and the bounds of everything an incident's status lists.
 * Asks other concerns through interfaces it owns ({@link dev.klaxon.incident.AutoRunStarter},
 * {@link dev.klaxon.incident.ReviewRequests}, {@link dev.klaxon.incident.SharedAlerts}, {@link
 * dev.klaxon.incident.RuleLimits}).
 */
package dev.klaxon.incident;
