/**
 * The status site: a read-only workload of its own that serves a StatusPage's status as HTML, the
 * Statuspage v2 API and feeds. What a page publishes is decided in {@code statuspage}.
 */
package dev.klaxon.statuspage.site;
