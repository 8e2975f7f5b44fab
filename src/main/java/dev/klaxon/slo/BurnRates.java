package dev.klaxon.slo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The burn rate over each window: how many times faster than sustainable the error budget is
 * spent (1 spends the whole budget in exactly the objective's window). A window without events
 * has none.
 */
record BurnRates(Map<Duration, Double> byWindow) {

    /** The burn rates of the counts, for an objective of {@code objectivePercent}. */
    static BurnRates of(Map<Duration, EventCounts> counts, double objectivePercent) {
        double budget = budgetRatio(objectivePercent);
        Map<Duration, Double> rates = new TreeMap<>();
        counts.forEach((window, c) -> c.errorRatio().ifPresent(ratio -> rates.put(window, ratio / budget)));
        return new BurnRates(rates);
    }

    /** The share of events that may be bad: 0.001 for 99.9. */
    static double budgetRatio(double objectivePercent) {
        // In decimal: 100 - 99.9 in binary floating point is 0.0999999999999943, and 14.4x would read 14.399999.
        return java.math.BigDecimal.valueOf(100).subtract(java.math.BigDecimal.valueOf(objectivePercent)).movePointLeft(2).doubleValue();
    }

    Optional<Double> of(Duration window) {
        return Optional.ofNullable(byWindow.get(window));
    }
}
