/**
 * Service level objectives: their SLI counted from Prometheus (short windows raw, long ones from
 * hourly buckets kept in memory), the error budget and burn rates, the Workbook's multiwindow
 * burn-rate alerts, and the incident a burning budget opens. The budget math and the alert
 * decision are plain classes; evaluation runs on the engine's own threads, never in a reconcile.
 */
package dev.klaxon.slo;
