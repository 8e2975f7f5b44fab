/**
 * Status page subscribers: someone asks on the status site to be told about a page's incidents
 * (by email or webhook), confirms with a link, is told each public update, and leaves with the
 * link every message carries. The site only relays what was followed; this package checks the
 * links (signed with the operator's key) and does the telling, through the notification ledger.
 */
package dev.klaxon.subscription;
