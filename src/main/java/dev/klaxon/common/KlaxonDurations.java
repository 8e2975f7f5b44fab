package dev.klaxon.common;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints Go/Prometheus style durations such as 30s, 5m, 1h30m, 2d. */
public final class KlaxonDurations {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d|w)");
    private static final Map<String, Duration> UNITS = Map.of(
            "ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1),
            "h", Duration.ofHours(1), "d", Duration.ofDays(1), "w", Duration.ofDays(7));

    private KlaxonDurations() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            total = total.plus(UNITS.get(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 30s, 5m, 1h30m)");
        }
        return total;
    }

    /** Short form for status fields and messages, e.g. 12ms, 1.500s, 4s, 15m, 8h. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 3_600_000 == 0) {
            return (millis / 3_600_000) + "h";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.3fs", millis / 1000.0);
    }
}
