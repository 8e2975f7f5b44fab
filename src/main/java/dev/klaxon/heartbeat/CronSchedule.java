package dev.klaxon.heartbeat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's schedule as the CronJob controller reads it (robfig/cron's standard parser): five
 * fields (minute, hour, day of month, month, day of week) of values, ranges, steps, lists and
 * names, or a descriptor such as {@code @daily}. As there, when both day fields are restricted a
 * day matches either; when one is unrestricted ({@code *}, {@code ?} or {@code *}/1; {@code *}/2
 * restricts), both must match. Days of the week are 0-6 (Sunday is 0; 7 is refused, as there).
 * {@code @every} is not a calendar schedule: a heartbeat cannot say when it was due, so it is refused.
 */
final class CronSchedule {

    /** How far to look for a matching day: a schedule for the 29th of February matches every four years (eight across 2100). */
    private static final int SEARCH_DAYS = 366 * 9;
    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    /** A schedule that cannot be read, with why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    private final ZoneId zone;

    private CronSchedule(String[] fields, ZoneId zone) throws Invalid {
        this.minutes = field(fields[0], 0, 59, List.of(), "minute");
        this.hours = field(fields[1], 0, 23, List.of(), "hour");
        this.daysOfMonth = field(fields[2], 1, 31, List.of(), "day of month");
        this.months = field(fields[3], 1, 12, MONTHS, "month");
        this.daysOfWeek = field(fields[4], 0, 6, DAYS, "day of week");
        this.anyDayOfMonth = unrestricted(fields[2]);
        this.anyDayOfWeek = unrestricted(fields[4]);
        this.zone = zone;
    }

    /** @param timeZone the CronJob's spec.timeZone (IANA), or null for the controller's zone, taken as UTC */
    static CronSchedule parse(String schedule, String timeZone) throws Invalid {
        String text = schedule == null ? "" : schedule.strip();
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            throw new Invalid("unknown time zone " + timeZone);
        }
        if (text.startsWith("@every")) {
            throw new Invalid("\"" + text + "\" runs at intervals from when the controller started, not on a calendar: give the heartbeat a checkIn instead");
        }
        text = DESCRIPTORS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new Invalid("\"" + schedule + "\" is not five fields (minute hour day-of-month month day-of-week) nor a descriptor such as @daily");
        }
        return new CronSchedule(fields, zone);
    }

    /** The latest time the schedule fires at or before {@code at}, if any in the last years. */
    Optional<Instant> previous(Instant at) {
        ZonedDateTime start = at.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = start.toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++, day = day.minusDays(1)) {
            if (!dayMatches(day)) {
                continue;
            }
            int fromHour = d == 0 ? start.getHour() : 23;
            for (int hour = fromHour; hour >= 0; hour--) {
                if (!hours.get(hour)) {
                    continue;
                }
                int fromMinute = d == 0 && hour == start.getHour() ? start.getMinute() : 59;
                int minute = minutes.previousSetBit(fromMinute);
                if (minute >= 0) {
                    Instant fire = ZonedDateTime.ofLocal(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)), zone, null).toInstant();
                    if (!fire.isAfter(at)) {
                        return Optional.of(fire);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first time the schedule fires after {@code at}, if any in the coming years. */
    Optional<Instant> next(Instant at) {
        ZonedDateTime start = at.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++, day = day.plusDays(1)) {
            if (!dayMatches(day)) {
                continue;
            }
            for (int hour = d == 0 ? start.getHour() : 0; hour <= 23; hour++) {
                if (!hours.get(hour)) {
                    continue;
                }
                int minute = minutes.nextSetBit(d == 0 && hour == start.getHour() ? start.getMinute() : 0);
                if (minute >= 0 && minute <= 59) {
                    Instant fire = ZonedDateTime.ofLocal(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)), zone, null).toInstant();
                    if (fire.isAfter(at)) {
                        return Optional.of(fire);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    /** robfig's star bit: a part that is {@code *} or {@code ?} with no step above 1. */
    private static boolean unrestricted(String field) {
        for (String part : field.split(",")) {
            String[] stepped = part.split("/");
            if ((stepped[0].equals("*") || stepped[0].equals("?")) && (stepped.length == 1 || stepped[1].equals("1"))) {
                return true;
            }
        }
        return false;
    }

    /** One field: a comma-separated list of {@code *}, {@code ?}, values, names and ranges, each with an optional {@code /step}. */
    private static BitSet field(String text, int min, int max, List<String> names, String what) throws Invalid {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String[] stepped = part.split("/", -1);
            if (stepped.length > 2 || stepped[0].isEmpty()) {
                throw new Invalid(what + " \"" + part + "\" is not a value, a range or */step");
            }
            int low;
            int high;
            if (stepped[0].equals("*") || stepped[0].equals("?")) {
                low = min;
                high = max;
            } else {
                String[] range = stepped[0].split("-", -1);
                if (range.length > 2) {
                    throw new Invalid(what + " \"" + part + "\" is not a range");
                }
                low = value(range[0], min, max, names, what);
                high = range.length == 2 ? value(range[1], min, max, names, what) : (stepped.length == 2 ? max : low);
            }
            int step = stepped.length == 2 ? value(stepped[1], 1, max - min + 1, List.of(), what + " step") : 1;
            if (low > high) {
                throw new Invalid(what + " \"" + part + "\" runs backwards");
            }
            for (int v = low; v <= high; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String text, int min, int max, List<String> names, String what) throws Invalid {
        int named = names.indexOf(text.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + (min == 1 ? 1 : 0);
        }
        if (!text.matches("[0-9]{1,2}")) {
            throw new Invalid(what + " \"" + text + "\" is not a number" + (names.isEmpty() ? "" : " nor a name such as " + names.get(0)));
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new Invalid(what + " " + value + " is outside " + min + "-" + max);
        }
        return value;
    }
}
