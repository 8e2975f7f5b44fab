/**
 * Notification channels and delivery: rendering messages, sending them off the reconciler on fair
 * per-namespace queues, the ledger in each incident's status that sends every message once,
 * destinations bound to their Secrets.
 */
package dev.klaxon.notify;
