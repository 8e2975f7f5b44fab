/**
 * AlertSources: Alertmanager's webhook notifications received on every replica, authenticated by a
 * namespace's token, turned into incidents. Rules Klaxon evaluates itself are {@code alerting}.
 */
package dev.klaxon.alertmanager;
