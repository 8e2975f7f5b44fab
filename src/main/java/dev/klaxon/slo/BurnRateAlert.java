package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.Severity;
import java.time.Duration;

/**
 * One multiwindow burn-rate alert: it fires while the budget burns at least {@code factor} times
 * its sustainable rate over both the long window (the burn matters) and the short one (it still
 * goes on, so the alert ends soon after the burn does).
 */
record BurnRateAlert(Level level, Severity severity, double factor, Duration longWindow, Duration shortWindow) {

    /** Page: wake someone now. Ticket: for working hours. */
    enum Level { Page, Ticket }

    /** Whether both windows burn at least the factor (a window without events burns nothing). */
    boolean firesAt(BurnRates rates) {
        return rates.of(longWindow).orElse(0.0) >= factor && rates.of(shortWindow).orElse(0.0) >= factor;
    }
}
