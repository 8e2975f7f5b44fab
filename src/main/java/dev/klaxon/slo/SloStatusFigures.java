package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.WindowBurnRate;
import dev.klaxon.common.Timestamps;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The budget as the status and the incident show it, rounded to what a person reads (SLI to
 * 0.001 points, budget to 0.1 points, burn rates to three digits, times to the minute). The
 * status takes new figures when the state changed, or when a rounded figure changed and the
 * last ones are {@code every} old: status is not a heartbeat (the metrics are).
 */
final class SloStatusFigures {

    private SloStatusFigures() {
    }

    /** Writes the budget's figures into the status when they are due; returns whether it did. */
    static boolean apply(ServiceLevelObjectiveStatus status, ErrorBudget budget, SloAlerting alerting, Instant at, boolean stateChanged,
            Duration every) {
        Double sli = budget.sli().isPresent() ? round(budget.sli().getAsDouble() * 100, 3) : null;
        Double remaining = percentLeft(budget).orElse(null);
        String exhausted = budget.exhaustedAt().map(t -> Timestamps.format(t.truncatedTo(ChronoUnit.MINUTES))).orElse(null);
        List<WindowBurnRate> burnRates = new ArrayList<>();
        for (Duration window : alerting.windows()) {
            burnRates.add(new WindowBurnRate(SloAlerting.words(window), budget.burnRates().of(window).map(SloStatusFigures::significant).orElse(null)));
        }
        boolean same = Objects.equals(sli, status.getSli()) && Objects.equals(remaining, status.getBudgetRemaining())
                && Objects.equals(exhausted, status.getBudgetExhaustedAt()) && sameBurnRates(burnRates, status.getBurnRates());
        boolean due = status.getEvaluatedAt() == null || Timestamps.parseWritten(status.getEvaluatedAt())
                .map(last -> !at.isBefore(last.plus(every))).orElse(true);
        if (!stateChanged && (same || !due)) {
            return false;
        }
        status.setSli(sli);
        status.setBudgetRemaining(remaining);
        status.setBudgetExhaustedAt(exhausted);
        status.setBurnRates(burnRates);
        status.setEvaluatedAt(Timestamps.format(at));
        return true;
    }

    /** The budget left, in percent rounded as the status has it. */
    static Optional<Double> percentLeft(ErrorBudget budget) {
        return budget.remaining().isPresent() ? Optional.of(round(budget.remaining().getAsDouble() * 100, 1)) : Optional.empty();
    }

    /** Why the alert fires, in figures: the status message and the incident's description. */
    static String firing(BurnRateAlert alert, ErrorBudget budget, String window, Instant now) {
        StringBuilder words = new StringBuilder(String.format(Locale.ROOT, "%s: the error budget burns %sx over %s and %sx over %s (at least %sx)",
                alert.level().name().toLowerCase(Locale.ROOT), rate(budget, alert.longWindow()), SloAlerting.words(alert.longWindow()),
                rate(budget, alert.shortWindow()), SloAlerting.words(alert.shortWindow()), SloAlerting.plain(alert.factor())));
        budget.consumed().ifPresent(consumed -> words.append(String.format(Locale.ROOT, "; %s%% of the %s budget is spent",
                SloAlerting.plain(consumed * 100), window)));
        budget.exhaustedAt().ifPresent(at -> words.append(String.format(Locale.ROOT, "; at this rate the rest is gone in %s (by %s)",
                human(Duration.between(now, at)), Timestamps.format(at.truncatedTo(ChronoUnit.MINUTES)))));
        return words.toString();
    }

    private static String rate(ErrorBudget budget, Duration window) {
        return budget.burnRates().of(window).map(SloAlerting::plain).orElse("0");
    }

    /** A span as people say it: 2d 3h, 5h 20m, 12m. */
    static String human(Duration span) {
        long minutes = Math.max(0, span.toMinutes());
        long days = minutes / 1440;
        long hours = minutes % 1440 / 60;
        long rest = minutes % 60;
        return days > 0 ? days + "d " + hours + "h" : hours > 0 ? hours + "h " + rest + "m" : rest + "m";
    }

    private static boolean sameBurnRates(List<WindowBurnRate> a, List<WindowBurnRate> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).getWindow(), b.get(i).getWindow()) || !Objects.equals(a.get(i).getBurnRate(), b.get(i).getBurnRate())) {
                return false;
            }
        }
        return true;
    }

    private static Double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static Double significant(double value) {
        return new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }
}
