package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    @Test
    void everyMinuteFiresAtTheStartOfEachMinute() throws Exception {
        CronSchedule schedule = CronSchedule.parse("* * * * *", null);
        assertThat(schedule.previous(at("2026-12-05T10:15:42Z"))).contains(at("2026-12-05T10:15:00Z"));
        assertThat(schedule.previous(at("2026-12-05T10:15:00Z"))).contains(at("2026-12-05T10:15:00Z"));
        assertThat(schedule.next(at("2026-12-05T10:15:00Z"))).contains(at("2026-12-05T10:16:00Z"));
    }

    @Test
    void aNightlyJobWasLastDueLastNightAndIsNextDueTonight() throws Exception {
        CronSchedule schedule = CronSchedule.parse("30 2 * * *", null);
        assertThat(schedule.previous(at("2026-12-05T10:00:00Z"))).contains(at("2026-12-05T02:30:00Z"));
        assertThat(schedule.previous(at("2026-12-05T02:29:59Z"))).contains(at("2026-12-04T02:30:00Z"));
        assertThat(schedule.next(at("2026-12-05T10:00:00Z"))).contains(at("2026-12-06T02:30:00Z"));
    }

    @Test
    void stepsRangesListsAndNamesAreTheControllers() throws Exception {
        assertThat(CronSchedule.parse("*/15 9-17 * * mon-fri", null).previous(at("2026-12-05T12:00:00Z")))
                .as("a Saturday: last Friday at 17:45").contains(at("2026-12-04T17:45:00Z"));
        assertThat(CronSchedule.parse("0 0 1,15 * *", null).previous(at("2026-12-10T00:00:00Z"))).contains(at("2026-12-01T00:00:00Z"));
        assertThat(CronSchedule.parse("0 12 * DEC sun", null).previous(at("2026-12-10T00:00:00Z"))).contains(at("2026-12-06T12:00:00Z"));
        assertThat(CronSchedule.parse("0 0 * * 1/2", null).next(at("2026-12-05T12:00:00Z")))
                .as("1,3,5: not Sunday").contains(at("2026-12-07T00:00:00Z"));
        assertThat(CronSchedule.parse("@hourly", null).previous(at("2026-12-05T10:59:00Z"))).contains(at("2026-12-05T10:00:00Z"));
        assertThat(CronSchedule.parse("@weekly", null).next(at("2026-12-05T10:00:00Z"))).contains(at("2026-12-06T00:00:00Z"));
    }

    @Test
    void bothDayFieldsRestrictedMatchEitherAsCronDoes() throws Exception {
        // The 13th, or any Friday.
        CronSchedule schedule = CronSchedule.parse("0 0 13 * 5", null);
        assertThat(schedule.next(at("2026-12-05T00:00:00Z"))).contains(at("2026-12-11T00:00:00Z"));
        assertThat(schedule.next(at("2026-12-11T00:00:00Z"))).contains(at("2026-12-13T00:00:00Z"));
        // Only Fridays: a day-of-month of * restricts nothing.
        assertThat(CronSchedule.parse("0 0 * * 5", null).next(at("2026-12-11T00:00:00Z"))).contains(at("2026-12-18T00:00:00Z"));
        // */2 restricts (odd days), so it is odd days or Mondays, as the controller reads it.
        CronSchedule oddOrMonday = CronSchedule.parse("0 0 */2 * 1", null);
        assertThat(oddOrMonday.next(at("2026-12-05T12:00:00Z"))).as("the 7th is a Monday").contains(at("2026-12-07T00:00:00Z"));
        assertThat(oddOrMonday.next(at("2026-12-07T12:00:00Z"))).contains(at("2026-12-09T00:00:00Z"));
    }

    @Test
    void theCronJobsTimeZoneIsTheSchedulesZone() throws Exception {
        assertThat(CronSchedule.parse("0 9 * * *", "Europe/Berlin").previous(at("2026-12-05T10:00:00Z"))).contains(at("2026-12-05T08:00:00Z"));
    }

    @Test
    void aLeapDayScheduleIsFoundYearsAway() throws Exception {
        assertThat(CronSchedule.parse("0 0 29 2 *", null).previous(at("2026-12-05T00:00:00Z"))).contains(at("2024-02-29T00:00:00Z"));
        assertThat(CronSchedule.parse("0 0 30 2 *", null).previous(at("2026-12-05T00:00:00Z"))).as("never").isEmpty();
    }

    @Test
    void whatTheControllerWouldRefuseOrCannotPlaceIsRefusedWithWhy() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", null)).hasMessageContaining("minute 61 is outside 0-59");
        assertThatThrownBy(() -> CronSchedule.parse("* * * *", null)).hasMessageContaining("not five fields");
        assertThatThrownBy(() -> CronSchedule.parse("@every 5m", null)).hasMessageContaining("checkIn");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *", "Mars/Olympus")).hasMessageContaining("unknown time zone");
        assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *", null)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 7", null)).hasMessageContaining("day of week 7 is outside 0-6");
        assertThatThrownBy(() -> CronSchedule.parse("* * * foo *", null)).hasMessageContaining("not a number nor a name");
    }
}
