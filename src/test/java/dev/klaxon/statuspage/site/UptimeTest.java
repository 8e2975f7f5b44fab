package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ComponentPeriod;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aMajorOutageIsDowntimeAPartialOneCountsForThirtyPercentDegradedIsUp() {
        List<ComponentPeriod> history = List.of(
                new ComponentPeriod("api", ComponentStatus.major_outage, "2026-12-01T00:00:00Z", "2026-12-01T06:00:00Z"),
                new ComponentPeriod("api", ComponentStatus.partial_outage, "2026-11-30T14:00:00Z", "2026-12-01T00:00:00Z"),
                new ComponentPeriod("api", ComponentStatus.degraded, "2026-11-29T00:00:00Z", "2026-11-29T23:00:00Z"),
                new ComponentPeriod("chat", ComponentStatus.major_outage, "2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z"));

        List<Uptime.Day> days = Uptime.daily(history, "api", NOW, 90);

        assertThat(days).hasSize(90);
        assertThat(days.get(0).date()).isEqualTo(LocalDate.parse("2026-09-05"));
        assertThat(days.get(89).date()).isEqualTo(LocalDate.parse("2026-12-03"));
        assertThat(day(days, "2026-12-01").up()).isCloseTo(0.75, within(1e-9));
        assertThat(day(days, "2026-12-01").worst()).isEqualTo(ComponentStatus.major_outage);
        assertThat(day(days, "2026-11-30").up()).isCloseTo(1 - 0.3 * 10 / 24, within(1e-9));
        assertThat(day(days, "2026-11-29").up()).isEqualTo(1.0);
        assertThat(day(days, "2026-11-29").worst()).isEqualTo(ComponentStatus.degraded);
        assertThat(day(days, "2026-12-02").worst()).isEqualTo(ComponentStatus.operational);
        assertThat(Uptime.overall(days, NOW)).isCloseTo(1 - (6 + 3.0) / (89 * 24 + 12), within(1e-9));
    }

    @Test
    void anOngoingOutageCountsUpToNowAndTodayOnlyUpToNow() {
        List<ComponentPeriod> history = List.of(new ComponentPeriod("api", ComponentStatus.major_outage, "2026-12-03T06:00:00Z", null));

        List<Uptime.Day> days = Uptime.daily(history, "api", NOW, 2);

        assertThat(days).extracting(Uptime.Day::date).containsExactly(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03"));
        assertThat(days.get(1).up()).isCloseTo(0.5, within(1e-9));
        assertThat(days.get(0).up()).isEqualTo(1.0);
    }

    private static Uptime.Day day(List<Uptime.Day> days, String date) {
        return days.stream().filter(d -> d.date().equals(LocalDate.parse(date))).findFirst().orElseThrow();
    }

    @Test
    void aPercentageIsRoundedDownSoAnOutageNeverReadsAsAHundred() {
        assertThat(HtmlPages.percent(1 - 300.0 / (90 * 86_400))).as("five minutes down in 90 days").isEqualTo("99.99%");
        assertThat(HtmlPages.percent(1.0)).isEqualTo("100.00%");
        assertThat(HtmlPages.percent(0.29)).isEqualTo("29.00%");
        assertThat(HtmlPages.percent(0.0)).isEqualTo("0.00%");
    }
}
