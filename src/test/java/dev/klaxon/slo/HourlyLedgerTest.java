package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourlyLedgerTest {

    private static final Instant ELEVEN = Instant.parse("2026-12-05T11:00:00Z");

    @Test
    void afterAStartEveryHourTheRetentionKeepsIsMissingThenOnlyTheNewOne() {
        HourlyLedger ledger = new HourlyLedger(Duration.ofDays(30));

        HourlyLedger.Span all = ledger.missing(ELEVEN).orElseThrow();
        assertThat(all.hours()).isEqualTo(720);
        assertThat(all.last()).isEqualTo(ELEVEN);
        ledger.record(all, Map.of());

        assertThat(ledger.missing(ELEVEN)).isEmpty();
        assertThat(ledger.missing(ELEVEN.plus(Duration.ofHours(1)))).contains(new HourlyLedger.Span(ELEVEN.plus(Duration.ofHours(1)),
                ELEVEN.plus(Duration.ofHours(1))));
        ledger.record(ledger.missing(ELEVEN.plus(Duration.ofHours(1))).orElseThrow(), Map.of());
        assertThat(ledger.size()).as("the oldest hour goes as a new one comes").isEqualTo(720);
    }

    @Test
    void aLongWindowIsTheRecentEventsWholeHoursAndTheShareOfTheOldestHourItStillCovers() {
        HourlyLedger ledger = new HourlyLedger(Duration.ofDays(1));
        HourlyLedger.Span span = ledger.missing(ELEVEN).orElseThrow();
        Map<Instant, EventCounts> hours = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            // The hour ending at ELEVEN - i had i bad events out of 100.
            hours.put(ELEVEN.minus(Duration.ofHours(i)), new EventCounts(i, 100));
        }
        ledger.record(span, hours);

        // At 11:15, a day back is 11:15 yesterday: 15 minutes of recent events, 23 whole hours, and
        // three quarters of the hour ending at 12:00 yesterday (i = 23).
        EventCounts day = ledger.sum(Duration.ofDays(1), ELEVEN.plus(Duration.ofMinutes(15)), new EventCounts(1, 25)).orElseThrow();

        double wholeHoursBad = 0;
        for (int i = 0; i < 23; i++) {
            wholeHoursBad += i;
        }
        assertThat(day.bad()).isCloseTo(1 + wholeHoursBad + 0.75 * 23, within(1e-9));
        assertThat(day.total()).isCloseTo(25 + 23 * 100 + 75, within(1e-9));
    }

    @Test
    void aWindowReachingBeforeTheKnownHoursIsNotCounted() {
        HourlyLedger ledger = new HourlyLedger(Duration.ofHours(6));
        ledger.record(ledger.missing(ELEVEN).orElseThrow(), Map.of());

        assertThat(ledger.sum(Duration.ofHours(6), ELEVEN.plus(Duration.ofMinutes(5)), EventCounts.NONE)).isPresent();
        assertThat(ledger.sum(Duration.ofDays(1), ELEVEN.plus(Duration.ofMinutes(5)), EventCounts.NONE)).isEmpty();
    }
}
