package dev.klaxon.notify;

import java.util.Map;

/**
 * One rendered notification: what every channel type sends, in its own shape.
 *
 * @param kind      what the message says (its wire name, {@code kind.template()}, is what receivers see)
 * @param dedupKey  stable per incident, so PagerDuty folds trigger, acknowledge and resolve into one alert
 * @param deliveryId stable per (incident, event, channel), for receivers that de-duplicate
 * @param facts     the incident's fields, for structured payloads (webhook, PagerDuty custom details)
 */
public record Message(NotificationEvent.Kind kind, String event, String title, String body, String severity, String dedupKey, String deliveryId,
                      Map<String, Object> facts) {
}
