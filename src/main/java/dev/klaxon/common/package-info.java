/**
 * What every concern shares and that knows none of them: configuration, the Ready condition and
 * Events, status patches, leader election, what the operator signs, lean informer caches, text
 * bounds, the HTTP server with deadlines.
 */
package dev.klaxon.common;
