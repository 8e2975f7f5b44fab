/**
 * {@code kubectl klaxon}: the command line that works incidents, runs, reviews and pages as the
 * user's kubectl identity. Nothing else depends on it.
 */
package dev.klaxon.cli;
