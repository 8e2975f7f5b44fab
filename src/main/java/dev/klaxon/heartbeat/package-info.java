/**
 * Heartbeats: signals that must keep arriving (an HTTP check-in taken on every replica and kept in
 * a Lease, or a CronJob's successful runs), and the incident their absence opens.
 */
package dev.klaxon.heartbeat;
