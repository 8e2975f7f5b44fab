package dev.klaxon.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.MaintenanceRecurrence;
import dev.klaxon.api.v1alpha1.MaintenanceWindowSpec;
import dev.klaxon.api.v1alpha1.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceScheduleTest {

    private static final Duration MAX_LENGTH = Duration.ofDays(7);

    private static MaintenanceWindowSpec oneOff(String start, String end) {
        MaintenanceWindowSpec spec = new MaintenanceWindowSpec();
        spec.setStartsAt(start);
        spec.setEndsAt(end);
        return spec;
    }

    private static MaintenanceWindowSpec weekly(String zone, List<MaintenanceRecurrence.Weekday> days, TimeRange... times) {
        MaintenanceWindowSpec spec = new MaintenanceWindowSpec();
        MaintenanceRecurrence recurrence = new MaintenanceRecurrence();
        recurrence.setWeekdays(days);
        recurrence.setTimes(List.of(times));
        recurrence.setTimeZone(zone);
        spec.setRecurrence(recurrence);
        return spec;
    }

    @Test
    void aOneOffWindowIsActiveFromItsStartUntilItsEndAndThenEndsForGood() throws Exception {
        MaintenanceSchedule schedule = new MaintenanceSchedule(oneOff("2026-12-05T22:00:00Z", "2026-12-06T02:00:00Z"), MAX_LENGTH);

        assertThat(schedule.current(Instant.parse("2026-12-05T21:59:59Z"))).isEmpty();
        assertThat(schedule.next(Instant.parse("2026-12-05T21:59:59Z"))).hasValueSatisfying(o ->
                assertThat(o.start()).isEqualTo(Instant.parse("2026-12-05T22:00:00Z")));
        assertThat(schedule.current(Instant.parse("2026-12-05T22:00:00Z"))).isPresent();
        assertThat(schedule.current(Instant.parse("2026-12-06T02:00:00Z"))).as("the end is exclusive").isEmpty();
        assertThat(schedule.hasEnded(Instant.parse("2026-12-06T02:00:00Z"))).isTrue();
        assertThat(schedule.hasEnded(Instant.parse("2026-12-05T23:00:00Z"))).isFalse();
    }

    @Test
    void aWeeklyWindowFollowsItsTimeZoneAcrossMidnightAndDaylightSaving() throws Exception {
        // Saturdays 23:00 to 01:00 in Berlin: past midnight, into Sunday.
        MaintenanceSchedule schedule = new MaintenanceSchedule(weekly("Europe/Berlin", List.of(MaintenanceRecurrence.Weekday.saturday),
                new TimeRange("23:00", "01:00")), MAX_LENGTH);

        // Saturday 5 December 2026, 23:30 in Berlin (CET, UTC+1) is 22:30 UTC.
        assertThat(schedule.current(Instant.parse("2026-12-05T22:30:00Z"))).hasValueSatisfying(o -> {
            assertThat(o.start()).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
            assertThat(o.end()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        });
        assertThat(schedule.current(Instant.parse("2026-12-06T00:00:00Z"))).isEmpty();
        assertThat(schedule.next(Instant.parse("2026-12-06T00:00:00Z"))).hasValueSatisfying(o ->
                assertThat(o.start()).isEqualTo(Instant.parse("2026-12-12T22:00:00Z")));
        // In summer (CEST, UTC+2) the same wall-clock time is an hour earlier in UTC.
        assertThat(schedule.current(Instant.parse("2026-07-04T21:30:00Z"))).hasValueSatisfying(o ->
                assertThat(o.start()).isEqualTo(Instant.parse("2026-07-04T21:00:00Z")));
        assertThat(schedule.hasEnded(Instant.parse("2030-01-01T00:00:00Z"))).as("a recurrence without endsAt never ends").isFalse();
    }

    @Test
    void aRecurrenceWithinBoundsStopsAfterItsEndAndEveryDayWhenNoWeekdays() throws Exception {
        MaintenanceWindowSpec spec = weekly("UTC", List.of(), new TimeRange("02:00", "03:00"));
        spec.setStartsAt("2026-12-03T00:00:00Z");
        spec.setEndsAt("2026-12-05T00:00:00Z");
        MaintenanceSchedule schedule = new MaintenanceSchedule(spec, MAX_LENGTH);

        assertThat(schedule.current(Instant.parse("2026-12-02T02:30:00Z"))).as("before its bounds").isEmpty();
        assertThat(schedule.current(Instant.parse("2026-12-03T02:30:00Z"))).isPresent();
        assertThat(schedule.current(Instant.parse("2026-12-04T02:30:00Z"))).isPresent();
        assertThat(schedule.current(Instant.parse("2026-12-05T02:30:00Z"))).as("after its bounds").isEmpty();
        assertThat(schedule.hasEnded(Instant.parse("2026-12-05T00:00:00Z"))).isTrue();
        assertThat(schedule.previous(Instant.parse("2026-12-06T00:00:00Z"))).hasValueSatisfying(o ->
                assertThat(o.start()).isEqualTo(Instant.parse("2026-12-04T02:00:00Z")));
    }

    @Test
    void aWindowLongerThanTheClusterAllowsIsRefusedSoItCannotSilenceAlertsForEver() throws Exception {
        assertThatThrownBy(() -> new MaintenanceSchedule(oneOff("2026-12-05T22:00:00Z", "9999-12-31T00:00:00Z"), MAX_LENGTH))
                .isInstanceOfSatisfying(MaintenanceSchedule.InvalidSchedule.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConditionReason.TooLong);
                    assertThat(e.getMessage()).contains("longer than the 168h a maintenance may last in this cluster");
                });
        assertThat(new MaintenanceSchedule(oneOff("2026-12-05T22:00:00Z", "2026-12-12T22:00:00Z"), MAX_LENGTH).current(
                Instant.parse("2026-12-12T21:00:00Z"))).as("exactly the longest allowed").isPresent();
        assertThatThrownBy(() -> new MaintenanceSchedule(weekly("UTC", List.of(), new TimeRange("02:00", "01:00")), Duration.ofHours(12)))
                .hasMessageContaining("spec.recurrence.times lasts 23h");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertThatThrownBy(() -> new MaintenanceSchedule(weekly("Mars/Olympus", List.of(), new TimeRange("02:00", "03:00")), MAX_LENGTH))
                .hasMessageContaining("Mars/Olympus is not an IANA time zone");
    }
}
