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

    /**
     * An instant to the millisecond (RFC 3339 with a fraction), for an order of events within one
     * second: which of two things that happened in the same second came first.
     */
    public static String formatPrecise(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    public static Instant parse(String value) {
        return Instant.parse(value);
    }

    /**
     * A time someone wrote, or empty when there is none or it is no date: the schema's RFC 3339
     * pattern lets a 30 February through, which must count as absent for its own object only.
     */
    public static java.util.Optional<Instant> parseWritten(String value) {
        try {
            return java.util.Optional.ofNullable(value).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
