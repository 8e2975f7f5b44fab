package dev.klaxon.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An objective's events hour by hour, for the windows longer than {@link SloAlerting#RAW_UP_TO}
 * (up to 30 days): each hour is asked of Prometheus once, as it completes, so a 3-day or 30-day
 * window costs a sum here instead of a query over days of samples. At most {@code retention}
 * hours are kept (720 for 30 days: about 30 KiB). Not thread-safe: one evaluation at a time.
 */
final class HourlyLedger {

    static final Duration HOUR = Duration.ofHours(1);

    /** The hours to ask for: hour ends from {@code first} to {@code last}, one apart. */
    record Span(Instant first, Instant last) {
        long hours() {
            return Duration.between(first, last).toHours() + 1;
        }
    }

    /** Keyed by the end of the hour: the bucket ending at T holds the events in (T-1h, T]. */
    private final NavigableMap<Instant, EventCounts> hours = new TreeMap<>();
    private final int retention;

    HourlyLedger(Duration longest) {
        this.retention = (int) Math.max(1, longest.toHours());
    }

    /** The last hour end at or before {@code at}. */
    static Instant hourEnd(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The hours not yet known up to the one ending at {@code last}: all that the retention keeps after a restart, then one an hour. */
    Optional<Span> missing(Instant last) {
        Instant first = last.minus(HOUR.multipliedBy(retention - 1L));
        if (!hours.isEmpty() && hours.lastKey().plus(HOUR).isAfter(first)) {
            first = hours.lastKey().plus(HOUR);
        }
        return first.isAfter(last) ? Optional.empty() : Optional.of(new Span(first, last));
    }

    /** Records the span's hours: those without a point had no events. */
    void record(Span span, Map<Instant, EventCounts> points) {
        for (Instant end = span.first(); !end.isAfter(span.last()); end = end.plus(HOUR)) {
            hours.put(end, points.getOrDefault(end, EventCounts.NONE));
        }
        Instant oldest = span.last().minus(HOUR.multipliedBy(retention - 1L));
        hours.headMap(oldest, false).clear();
    }

    /** The end of the last hour known; empty before the first fill. */
    Optional<Instant> lastHour() {
        return hours.isEmpty() ? Optional.empty() : Optional.of(hours.lastKey());
    }

    /**
     * The events over {@code (now - window, now]}: {@code recent} (the raw events since the last
     * known hour), whole hours before it, and the share of the oldest hour the window still
     * covers. Empty when an hour it needs is not known.
     */
    Optional<EventCounts> sum(Duration window, Instant now, EventCounts recent) {
        if (hours.isEmpty()) {
            return Optional.empty();
        }
        Instant last = hours.lastKey();
        Duration rest = window.minus(Duration.between(last, now));
        EventCounts total = recent;
        Instant end = last;
        while (rest.compareTo(HOUR) >= 0) {
            EventCounts hour = hours.get(end);
            if (hour == null) {
                return Optional.empty();
            }
            total = total.plus(hour);
            rest = rest.minus(HOUR);
            end = end.minus(HOUR);
        }
        if (!rest.isZero() && !rest.isNegative()) {
            EventCounts hour = hours.get(end);
            if (hour == null) {
                return Optional.empty();
            }
            total = total.plus(hour.times(rest.toMillis() / (double) HOUR.toMillis()));
        }
        return Optional.of(total);
    }

    /** Whether it keeps at least as many hours as {@code longest} needs. */
    boolean covers(Duration longest) {
        return retention >= longest.toHours();
    }

    int size() {
        return hours.size();
    }
}
