package dev.klaxon.cli;

import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incidents a report counts: those detected in [since, until). Told as the last days or
 * hours ({@code --since 30d}), a calendar period in UTC ({@code --period 2026}, {@code 2026-Q3},
 * {@code 2026-07}) or two times ({@code --from 2026-01-01 --to 2026-04-01}).
 *
 * @param described how the report's heading says it ("in the last 30d (since …)")
 */
record ReportPeriod(Instant since, Instant until, String described) {

    private static final Pattern RECENT = Pattern.compile("([0-9]{1,6})([dh])");
    private static final Pattern CALENDAR = Pattern.compile("([0-9]{4})(?:-Q([1-4])|-([0-9]{2}))?");

    static ReportPeriod of(String recent, String calendar, String from, String to, Instant now) {
        int given = (recent != null ? 1 : 0) + (calendar != null ? 1 : 0) + (from != null ? 1 : 0);
        if (given > 1) {
            throw new CliException("give one of --since, --period and --from");
        }
        if (to != null && from == null) {
            throw new CliException("--to goes with --from");
        }
        if (calendar != null) {
            return calendar(calendar);
        }
        if (from != null) {
            Instant since = instant("--from", from);
            Instant until = to == null ? now : instant("--to", to);
            if (!since.isBefore(until)) {
                throw new CliException("--from must be before --to");
            }
            return new ReportPeriod(since, until, "from " + Timestamps.format(since) + " to " + Timestamps.format(until));
        }
        String last = recent == null ? "30d" : recent;
        Instant since = now.minus(duration(last)).truncatedTo(ChronoUnit.SECONDS);
        return new ReportPeriod(since, now, "in the last " + last + " (since " + Timestamps.format(since) + ")");
    }

    private static Duration duration(String text) {
        Matcher matcher = RECENT.matcher(text);
        if (!matcher.matches()) {
            throw new CliException("--since takes a number of days or hours, e.g. 30d or 12h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }

    private static ReportPeriod calendar(String text) {
        Matcher matcher = CALENDAR.matcher(text);
        if (!matcher.matches()) {
            throw new CliException("--period takes a year, a quarter or a month, e.g. 2026, 2026-Q3 or 2026-07");
        }
        int year = Integer.parseInt(matcher.group(1));
        LocalDate start;
        LocalDate end;
        if (matcher.group(2) != null) {
            start = LocalDate.of(year, 3 * Integer.parseInt(matcher.group(2)) - 2, 1);
            end = start.plusMonths(3);
        } else if (matcher.group(3) != null) {
            int month = Integer.parseInt(matcher.group(3));
            if (month < 1 || month > 12) {
                throw new CliException("--period " + text + ": there is no month " + month);
            }
            start = LocalDate.of(year, month, 1);
            end = start.plusMonths(1);
        } else {
            start = LocalDate.of(year, 1, 1);
            end = start.plusYears(1);
        }
        Instant since = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new ReportPeriod(since, until, "in " + text + " (from " + Timestamps.format(since) + " to " + Timestamps.format(until) + ")");
    }

    /** A date (midnight UTC) or an RFC 3339 time. */
    private static Instant instant(String option, String text) {
        try {
            return text.contains("T") ? Timestamps.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(option + " takes a date (2026-01-01) or an RFC 3339 time (2026-01-01T00:00:00Z), not " + text);
        }
    }
}
