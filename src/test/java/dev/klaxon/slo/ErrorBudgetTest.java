package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration MONTH = Duration.ofDays(30);
    private static final SloAlerting WORKBOOK = SloAlerting.of(SloAlertingTest.spec(99.9));

    /** Counts with the same error ratio everywhere but the 30d window. */
    private static Map<Duration, EventCounts> counts(double recentErrorRatio, double monthErrorRatio) {
        Map<Duration, EventCounts> counts = new java.util.LinkedHashMap<>();
        for (Duration window : WORKBOOK.windows()) {
            counts.put(window, new EventCounts(recentErrorRatio * 1000, 1000));
        }
        counts.put(MONTH, new EventCounts(monthErrorRatio * 1_000_000, 1_000_000));
        return counts;
    }

    @Test
    void theBudgetIsTheWindowsBadEventsAgainstWhatTheObjectiveAllows() {
        // 99.9 %: 0.1 % may be bad; 0.025 % were over the month, so a quarter of the budget is spent.
        ErrorBudget budget = ErrorBudget.of(counts(0.0144, 0.00025), 99.9, MONTH, Duration.ofHours(1), NOW);

        assertThat(budget.sli().getAsDouble()).isCloseTo(0.99975, within(1e-12));
        assertThat(budget.remaining().getAsDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(budget.consumed().getAsDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(budget.burnRates().of(Duration.ofHours(1)).orElseThrow()).isCloseTo(14.4, within(1e-9));
        // 75 % left at 14.4x: 0.75 / 14.4 of 30 days = 1.5625 days.
        assertThat(budget.exhaustedAt()).contains(NOW.plus(Duration.ofMinutes(2250)));
    }

    @Test
    void aSpentBudgetHasNoExhaustionTimeAndAWindowWithoutEventsNoBurnRate() {
        Map<Duration, EventCounts> counts = counts(0.02, 0.002);
        counts.put(Duration.ofMinutes(5), EventCounts.NONE);

        ErrorBudget budget = ErrorBudget.of(counts, 99.9, MONTH, Duration.ofHours(1), NOW);

        assertThat(budget.remaining().getAsDouble()).isCloseTo(-1, within(1e-9));
        assertThat(budget.exhaustedAt()).isEmpty();
        assertThat(budget.burnRates().of(Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aFastBurnPagesEvenWhileASlowOneTicketsAndAnEndedOneDoesNot() {
        ErrorBudget fast = ErrorBudget.of(counts(0.0150, 0.0002), 99.9, MONTH, Duration.ofHours(1), NOW);
        assertThat(SloVerdict.of(fast, WORKBOOK.alerts()).state()).isEqualTo(State.Page);
        assertThat(SloVerdict.of(fast, WORKBOOK.alerts()).firing().orElseThrow().factor()).isEqualTo(14.4);

        ErrorBudget slow = ErrorBudget.of(counts(0.0035, 0.0002), 99.9, MONTH, Duration.ofHours(1), NOW);
        assertThat(SloVerdict.of(slow, WORKBOOK.alerts()).state()).isEqualTo(State.Ticket);

        // A blip, over since half an hour: the hour burned fast, the last five minutes not at all, the longer windows little.
        Map<Duration, EventCounts> blip = counts(0.0150, 0.0002);
        blip.put(Duration.ofMinutes(5), new EventCounts(0, 1000));
        blip.put(Duration.ofMinutes(30), new EventCounts(0, 1000));
        blip.put(Duration.ofHours(2), new EventCounts(0.015 / 2 * 1000, 1000));
        blip.put(Duration.ofHours(6), new EventCounts(0.015 / 6 * 1000, 1000));
        blip.put(Duration.ofDays(1), new EventCounts(0.015 / 24 * 1000, 1000));
        blip.put(Duration.ofDays(3), new EventCounts(0.015 / 72 * 1000, 1000));
        assertThat(SloVerdict.of(ErrorBudget.of(blip, 99.9, MONTH, Duration.ofHours(1), NOW), WORKBOOK.alerts()).state()).isEqualTo(State.Ok);
    }

    @Test
    void withoutTheLongWindowsAFastBurnStillPages() {
        Map<Duration, EventCounts> counts = counts(0.0150, 0.0002);
        counts.keySet().removeIf(window -> window.compareTo(SloAlerting.RAW_UP_TO) > 0);

        ErrorBudget budget = ErrorBudget.of(counts, 99.9, MONTH, Duration.ofHours(1), NOW);

        assertThat(budget.remaining()).isEmpty();
        assertThat(SloVerdict.of(budget, WORKBOOK.alerts()).state()).isEqualTo(State.Page);
    }

    @Test
    void noEventsInTheWindowIsNoData() {
        ErrorBudget none = ErrorBudget.of(Map.of(), 99.9, MONTH, Duration.ofHours(1), NOW);

        assertThat(SloVerdict.of(none, WORKBOOK.alerts()).state()).isEqualTo(State.NoData);
    }
}
