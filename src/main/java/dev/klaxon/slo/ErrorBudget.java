package dev.klaxon.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where an objective's error budget stands: the SLI and the budget left over the objective's
 * window, the burn rate over every window, and when the budget is spent at the current rate.
 *
 * @param sli             the share of good events over the window (0..1); empty without events
 * @param remaining       the share of the window's budget left (1 untouched, 0 spent, below 0 missed); empty without events
 * @param burnRates       the burn rate over each window that had events
 * @param currentBurnRate the burn rate read as "now" (see {@link SloAlerting#currentRateWindow})
 * @param exhaustedAt     when the budget is spent if the current burn goes on; empty while nothing burns or nothing is left
 */
record ErrorBudget(OptionalDouble sli, OptionalDouble remaining, BurnRates burnRates, Optional<Double> currentBurnRate,
        Optional<Instant> exhaustedAt) {

    /**
     * @param counts the events over each window the alerts use and over the objective's window
     */
    static ErrorBudget of(Map<Duration, EventCounts> counts, double objectivePercent, Duration window, Duration currentRateWindow, Instant now) {
        BurnRates burnRates = BurnRates.of(counts, objectivePercent);
        OptionalDouble errorRatio = counts.getOrDefault(window, EventCounts.NONE).errorRatio();
        OptionalDouble sli = errorRatio.isPresent() ? OptionalDouble.of(1 - errorRatio.getAsDouble()) : OptionalDouble.empty();
        OptionalDouble remaining = errorRatio.isPresent()
                ? OptionalDouble.of(1 - errorRatio.getAsDouble() / BurnRates.budgetRatio(objectivePercent)) : OptionalDouble.empty();
        Optional<Double> current = burnRates.of(currentRateWindow);
        Optional<Instant> exhaustedAt = Optional.empty();
        if (remaining.isPresent() && remaining.getAsDouble() > 0 && current.isPresent() && current.get() > 0) {
            // A burn rate of 1 spends the whole budget in one window: what is left lasts remaining / rate windows.
            double seconds = remaining.getAsDouble() / current.get() * window.toSeconds();
            exhaustedAt = Optional.of(now.plusSeconds(Math.round(Math.min(seconds, Duration.ofDays(3650).toSeconds()))));
        }
        return new ErrorBudget(sli, remaining, burnRates, current, exhaustedAt);
    }

    /** The share of the window's budget spent (0..1, above 1 when the objective is missed). */
    OptionalDouble consumed() {
        return remaining.isPresent() ? OptionalDouble.of(1 - remaining.getAsDouble()) : OptionalDouble.empty();
    }
}
