/**
 * Maintenance windows: when they are in force, which alerts they hold back (for {@code alerting},
 * through its {@code Suppressions}) and what the status page shows of them.
 */
package dev.klaxon.maintenance;
