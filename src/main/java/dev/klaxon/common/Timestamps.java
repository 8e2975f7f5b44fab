package dev.klaxon.common;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the Kubernetes API writes them: RFC 3339 in UTC, whole seconds. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parse(String value) {
        return Instant.parse(value);
    }
}
