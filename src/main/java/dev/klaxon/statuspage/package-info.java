/**
 * The StatusPage kind: what a page publishes (components' status, public incidents and their
 * updates, maintenance, uptime history), derived by the operator into the page's status. Serving
 * it is {@code statuspage.site}.
 */
package dev.klaxon.statuspage;
