package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.ComponentPeriod;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A component's uptime by day (UTC) from its page's history, as status pages count it: a major
 * outage is downtime, a partial outage counts for 30% of its length, degraded performance and
 * maintenance are up.
 */
public final class Uptime {

    static final double PARTIAL_WEIGHT = 0.3;

    /** One day: its worst status and the share of it that was up (1.0 = no downtime). */
    public record Day(LocalDate date, ComponentStatus worst, double up) {
    }

    private Uptime() {
    }

    /** The last {@code days} days up to {@code now}, oldest first; today counts up to now. */
    public static List<Day> daily(List<ComponentPeriod> history, String component, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Day> result = new ArrayList<>();
        for (LocalDate date = today.minusDays(days - 1L); !date.isAfter(today); date = date.plusDays(1)) {
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = date.equals(today) ? now : start.plus(Duration.ofDays(1));
            double down = 0;
            ComponentStatus worst = ComponentStatus.operational;
            for (ComponentPeriod period : history) {
                if (!component.equals(period.getComponent())) {
                    continue;
                }
                Instant from = max(Timestamps.parse(period.getFrom()), start);
                Instant to = min(period.getTo() == null ? now : Timestamps.parse(period.getTo()), end);
                if (from.isBefore(to)) {
                    worst = worst.worst(period.getStatus());
                    down += Duration.between(from, to).toMillis() * weight(period.getStatus());
                }
            }
            long length = Duration.between(start, end).toMillis();
            result.add(new Day(date, worst, length <= 0 ? 1.0 : Math.max(0, 1 - down / length)));
        }
        return result;
    }

    /** The share of the whole period that was up. */
    public static double overall(List<Day> days, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        double total = 0;
        double up = 0;
        for (Day day : days) {
            double length = day.date().equals(today)
                    ? Duration.between(day.date().atStartOfDay(ZoneOffset.UTC).toInstant(), now).toMillis() : Duration.ofDays(1).toMillis();
            total += length;
            up += length * day.up();
        }
        return total == 0 ? 1.0 : up / total;
    }

    private static double weight(ComponentStatus status) {
        return switch (status) {
            case major_outage -> 1.0;
            case partial_outage -> PARTIAL_WEIGHT;
            case degraded, maintenance, operational -> 0.0;
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
