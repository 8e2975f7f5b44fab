/**
 * On-call schedules (who is on call when) and escalation policies (who is paged, and who next
 * while nobody acknowledges).
 */
package dev.klaxon.escalation;
