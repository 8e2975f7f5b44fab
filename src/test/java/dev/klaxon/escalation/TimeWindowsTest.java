package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.TimeRestriction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static TimeRestriction window(List<TimeRestriction.Day> days, String start, String end) {
        TimeRestriction window = new TimeRestriction();
        window.setDays(days);
        window.setStart(start);
        window.setEnd(end);
        return window;
    }

    private static final List<TimeRestriction> OFFICE = List.of(window(List.of(TimeRestriction.Day.Mon, TimeRestriction.Day.Tue,
            TimeRestriction.Day.Wed, TimeRestriction.Day.Thu, TimeRestriction.Day.Fri), "09:00", "17:00"));

    @Test
    void officeHoursAreWeekdaysNineToFiveLocalTime() {
        assertThat(TimeWindows.insideAny(OFFICE, Instant.parse("2026-12-04T10:00:00Z"), BERLIN)).as("Friday 11:00 in Berlin").isTrue();
        assertThat(TimeWindows.insideAny(OFFICE, Instant.parse("2026-12-04T16:00:00Z"), BERLIN)).as("Friday 17:00: closed").isFalse();
        assertThat(TimeWindows.insideAny(OFFICE, Instant.parse("2026-12-05T10:00:00Z"), BERLIN)).as("Saturday").isFalse();
    }

    @Test
    void afterFridayEveningTheNextOpeningIsMondayMorning() {
        assertThat(TimeWindows.nextOpening(OFFICE, Instant.parse("2026-12-04T19:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(TimeWindows.nextOpening(OFFICE, Instant.parse("2026-12-07T07:59:00Z"), BERLIN)).as("Monday 08:59")
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void overnightWindowsHoldTheMorningAfter() {
        List<TimeRestriction> nights = List.of(window(List.of(TimeRestriction.Day.Fri), "22:00", "06:00"));

        assertThat(TimeWindows.insideAny(nights, Instant.parse("2026-12-04T22:30:00Z"), BERLIN)).as("Friday 23:30").isTrue();
        assertThat(TimeWindows.insideAny(nights, Instant.parse("2026-12-05T04:00:00Z"), BERLIN)).as("Saturday 05:00").isTrue();
        assertThat(TimeWindows.insideAny(nights, Instant.parse("2026-12-05T06:00:00Z"), BERLIN)).as("Saturday 07:00").isFalse();
    }

    @Test
    void theOpeningFollowsLocalTimeAcrossTheDaylightSavingChange() {
        // Berlin moves to summer time on 2027-03-28: 09:00 is 08:00Z before, 07:00Z after.
        assertThat(TimeWindows.nextOpening(OFFICE, Instant.parse("2027-03-26T17:00:00Z"), BERLIN)).contains(Instant.parse("2027-03-29T07:00:00Z"));
    }
}
