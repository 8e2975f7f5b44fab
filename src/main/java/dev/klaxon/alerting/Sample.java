package dev.klaxon.alerting;

import java.util.Map;

/** One series of an instant-query result: its labels and value. */
public record Sample(Map<String, String> labels, double value) {
}
