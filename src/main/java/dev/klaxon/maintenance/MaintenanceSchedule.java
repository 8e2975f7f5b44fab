package dev.klaxon.maintenance;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.MaintenanceRecurrence;
import dev.klaxon.api.v1alpha1.MaintenanceWindowSpec;
import dev.klaxon.api.v1alpha1.TimeRange;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a window is active: one-off (startsAt to endsAt), or recurring on weekdays and times of
 * day in a time zone (within startsAt and endsAt when given). Plain, with the time passed in.
 */
final class MaintenanceSchedule {

    /** One stretch of maintenance, start inclusive, end exclusive. */
    record Occurrence(Instant start, Instant end) {
        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    /** A schedule that cannot be read (an unknown time zone); the schema catches the rest. */
    static final class InvalidSchedule extends Exception {
        private final ConditionReason reason;

        InvalidSchedule(String message) {
            this(ConditionReason.InvalidSchedule, message);
        }

        InvalidSchedule(ConditionReason reason, String message) {
            super(message);
            this.reason = reason;
        }

        ConditionReason reason() {
            return reason;
        }
    }

    private final Optional<Instant> from;
    private final Optional<Instant> until;
    private final MaintenanceRecurrence recurrence;
    private final ZoneId zone;

    /** @param maxLength the longest one occurrence may last (klaxon.maintenance.max-length) */
    MaintenanceSchedule(MaintenanceWindowSpec spec, Duration maxLength) throws InvalidSchedule {
        this.from = Timestamps.parseWritten(spec.getStartsAt());
        this.until = Timestamps.parseWritten(spec.getEndsAt());
        this.recurrence = spec.getRecurrence();
        if (spec.getStartsAt() != null && (from.isEmpty() || until.isEmpty())) {
            throw new InvalidSchedule("spec.startsAt/endsAt: not a date");
        }
        try {
            this.zone = recurrence == null ? ZoneId.of("UTC") : ZoneId.of(recurrence.getTimeZone() == null ? "UTC" : recurrence.getTimeZone());
        } catch (DateTimeException e) {
            throw new InvalidSchedule("spec.recurrence.timeZone: " + recurrence.getTimeZone() + " is not an IANA time zone");
        }
        Duration longest = recurrence == null ? from.map(f -> Duration.between(f, until.orElseThrow())).orElse(Duration.ZERO)
                : recurrence.getTimes().stream().map(MaintenanceSchedule::length).max(Duration::compareTo).orElse(Duration.ZERO);
        if (longest.compareTo(maxLength) > 0) {
            throw new InvalidSchedule(ConditionReason.TooLong, (recurrence == null ? "spec.startsAt to spec.endsAt" : "spec.recurrence.times") + " lasts "
                    + KlaxonDurations.format(longest) + ", longer than the " + KlaxonDurations.format(maxLength)
                    + " a maintenance may last in this cluster (klaxon.maintenance.max-length)");
        }
    }

    /** How long one of a day's ranges lasts; one that ends at or before its start ends the next day. */
    private static Duration length(TimeRange range) {
        Duration length = Duration.between(LocalTime.parse(range.getStart()), LocalTime.parse(range.getEnd()));
        return length.isNegative() || length.isZero() ? length.plusDays(1) : length;
    }

    /** The occurrence active at {@code now}, if any. */
    Optional<Occurrence> current(Instant now) {
        return around(now).stream().filter(o -> o.contains(now)).findFirst();
    }

    /** The first occurrence that starts after {@code now}; empty when the window never starts again. */
    Optional<Occurrence> next(Instant now) {
        return around(now).stream().filter(o -> o.start().isAfter(now)).min(Comparator.comparing(Occurrence::start));
    }

    /** The latest occurrence that ended by {@code now}. */
    Optional<Occurrence> previous(Instant now) {
        return around(now).stream().filter(o -> !o.end().isAfter(now)).max(Comparator.comparing(Occurrence::end));
    }

    /** Occurrences from a day and a half before {@code now} to eight days after it (a weekly recurrence always has one ahead). */
    private List<Occurrence> around(Instant now) {
        List<Occurrence> occurrences = new ArrayList<>();
        if (recurrence == null) {
            occurrences.add(new Occurrence(from.orElseThrow(), until.orElseThrow()));
            return occurrences;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(2); !day.isAfter(today.plusDays(8)); day = day.plusDays(1)) {
            if (!startsOn(day)) {
                continue;
            }
            for (TimeRange range : recurrence.getTimes()) {
                LocalTime start = LocalTime.parse(range.getStart());
                LocalTime end = LocalTime.parse(range.getEnd());
                ZonedDateTime begins = day.atTime(start).atZone(zone);
                ZonedDateTime ends = (end.isAfter(start) ? day : day.plusDays(1)).atTime(end).atZone(zone);
                Instant s = begins.toInstant();
                Instant e = ends.toInstant();
                // Bounded by startsAt/endsAt: only occurrences that start within them.
                if (from.map(f -> s.isBefore(f)).orElse(false) || until.map(u -> !s.isBefore(u)).orElse(false)) {
                    continue;
                }
                occurrences.add(new Occurrence(s, until.map(u -> e.isAfter(u) ? u : e).orElse(e)));
            }
        }
        return occurrences;
    }

    private boolean startsOn(LocalDate day) {
        return recurrence.getWeekdays() == null || recurrence.getWeekdays().isEmpty()
                || recurrence.getWeekdays().stream().anyMatch(w -> w.name().equals(day.getDayOfWeek().name().toLowerCase(Locale.ROOT)));
    }

    /** Whether it never starts again after {@code now} and is not active. */
    boolean hasEnded(Instant now) {
        return current(now).isEmpty() && next(now).isEmpty() && (recurrence == null || until.map(u -> !now.isBefore(u)).orElse(false));
    }
}
