package dev.klaxon.alerting;

import java.util.Map;

/**
 * What one evaluation saw for one alert identity.
 *
 * @param holds whether the rule's conditions hold for this identity (after match All/Any)
 * @param value the value to report (the first condition's value for this identity)
 */
public record Observation(String fingerprint, Map<String, String> labels, double value, boolean holds) {
}
