/**
 * The Prometheus HTTP API client (bounded answers, the tenancy parameter) and its sample types.
 * Knows no concern.
 */
package dev.klaxon.prometheus;
