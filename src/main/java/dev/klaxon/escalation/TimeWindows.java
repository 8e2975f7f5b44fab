package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.TimeRestriction;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Local-time windows on days of the week (09:00-17:00 Mon-Fri, 22:00-06:00 overnight): whether an
 * instant is inside one, and when the next one opens. Plain, with the time passed in.
 */
public final class TimeWindows {

    private TimeWindows() {
    }

    public static boolean inside(TimeRestriction window, ZonedDateTime local) {
        LocalTime start = LocalTime.parse(window.getStart());
        LocalTime end = LocalTime.parse(window.getEnd());
        LocalTime time = local.toLocalTime();
        if (start.isBefore(end)) {
            return onDay(window, local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // Overnight (22:00-06:00): the evening of a listed day, or the morning after one.
        return onDay(window, local.getDayOfWeek()) && !time.isBefore(start)
                || onDay(window, local.getDayOfWeek().minus(1)) && time.isBefore(end);
    }

    public static boolean insideAny(List<TimeRestriction> windows, Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        return windows.stream().anyMatch(w -> inside(w, local));
    }

    /** When the first of {@code windows} opens after {@code t} (within the coming eight days; a daylight-saving gap opens it at the gap's end). */
    public static Optional<Instant> nextOpening(List<TimeRestriction> windows, Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        Optional<Instant> first = Optional.empty();
        for (int day = 0; day <= 8; day++) {
            ZonedDateTime date = local.toLocalDate().plusDays(day).atStartOfDay(zone);
            for (TimeRestriction window : windows) {
                if (!onDay(window, date.getDayOfWeek())) {
                    continue;
                }
                Instant opens = date.toLocalDate().atTime(LocalTime.parse(window.getStart())).atZone(zone).toInstant();
                if (opens.isAfter(t) && (first.isEmpty() || opens.isBefore(first.get()))) {
                    first = Optional.of(opens);
                }
            }
            if (first.isPresent()) {
                return first;
            }
        }
        return first;
    }

    static boolean onDay(TimeRestriction window, DayOfWeek day) {
        return window.getDays() == null || window.getDays().isEmpty()
                || window.getDays().stream().anyMatch(d -> d.ordinal() == day.ordinal());
    }
}
