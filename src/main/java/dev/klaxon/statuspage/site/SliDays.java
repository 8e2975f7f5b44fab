package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.ComponentStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A component's days by its objective's SLI (spec sloRef), and how each compares with the
 * objective: met is operational; missed with half the events or more bad, a major outage; else
 * missed by up to ten times the error budget is degraded; by more, a partial outage.
 */
public final class SliDays {

    /** How many budgets a day may miss by and still be only degraded. */
    static final double DEGRADED_UP_TO = 10;

    /** One day: its SLI in percent and how it looks, or neither when it has none (before Prometheus had its events). */
    public record Day(LocalDate date, Double sli, ComponentStatus look) {
    }

    private SliDays() {
    }

    /** The {@code days} days up to {@code through}, oldest first, from the SLIs of the days newest first. */
    public static List<Day> daily(List<Double> newestFirst, LocalDate through, double objective, int days) {
        List<Day> result = new ArrayList<>();
        for (int back = days - 1; back >= 0; back--) {
            Double sli = back < newestFirst.size() ? newestFirst.get(back) : null;
            result.add(new Day(through.minusDays(back), sli, sli == null ? null : look(sli, objective)));
        }
        return result;
    }

    static ComponentStatus look(double sli, double objective) {
        // Percentages are decimals people wrote (99.9): compared with some slack for their binary forms.
        double bad = 100 - sli - 1e-9;
        double budget = 100 - objective;
        if (bad <= budget) {
            return ComponentStatus.operational;
        }
        if (sli <= 50) {
            return ComponentStatus.major_outage;
        }
        return bad <= DEGRADED_UP_TO * budget ? ComponentStatus.degraded : ComponentStatus.partial_outage;
    }

    /** The mean SLI of the days that have one (each day counts alike, as uptime counts time); empty if none has. */
    public static OptionalDouble overall(List<Day> days) {
        return days.stream().map(Day::sli).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average();
    }

    /** How many of the days have an SLI. */
    public static long known(List<Day> days) {
        return days.stream().filter(d -> d.sli() != null).count();
    }
}
