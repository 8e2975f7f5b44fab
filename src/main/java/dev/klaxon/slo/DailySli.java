package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An objective's SLI day by day (UTC), for the status pages that show it as a component's
 * uptime: up to {@value #DAYS} complete days, newest first. Each day is read once, when it is over;
 * after a restart the days come from the objective's status, so only those that passed meanwhile
 * are read again.
 */
final class DailySli {

    static final int DAYS = 90;
    static final Duration DAY = Duration.ofDays(1);

    /** The days to read: the first and the last, both complete. */
    record Span(LocalDate first, LocalDate last) {
        /** The end of the first day: the first step of a range query at daily steps. */
        Instant firstEnd() {
            return end(first);
        }

        Instant lastEnd() {
            return end(last);
        }
    }

    /** Newest first; null for a day without events. */
    private final LinkedList<Double> values = new LinkedList<>();
    private LocalDate through;

    /**
     * The days of the objective's status, if they were counted with the same queries (the digest
     * of {@code queries}); none otherwise: an SLI changed while no operator ran is read afresh.
     */
    static DailySli fromStatus(ServiceLevelObjectiveStatus status, String digest) {
        return status == null || !digest.equals(status.getDailySliQueries()) ? new DailySli()
                : of(status.getDailySli(), status.getDailySliThrough());
    }

    /** A digest of what the queries count, short enough for the status. */
    static String digest(SliQueries queries) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(queries.identity().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The days as a status holds them (newest first, ending at {@code through}); none when they make no sense. */
    static DailySli of(List<Double> sli, String through) {
        DailySli days = new DailySli();
        if (sli == null || through == null || sli.isEmpty()) {
            return days;
        }
        try {
            days.through = LocalDate.parse(through);
        } catch (DateTimeParseException e) {
            return days;
        }
        sli.stream().limit(DAYS).forEach(days.values::add);
        return days;
    }

    /** The days that are over by {@code at} (their last samples settled) and not read yet, at most {@value #DAYS} back. */
    Optional<Span> missing(Instant at) {
        LocalDate last = LocalDate.ofInstant(at.minus(SloEvaluator.SETTLE), ZoneOffset.UTC).minusDays(1);
        LocalDate oldest = last.minusDays(DAYS - 1L);
        LocalDate first = through == null || through.isBefore(oldest) ? oldest : through.plusDays(1);
        return first.isAfter(last) ? Optional.empty() : Optional.of(new Span(first, last));
    }

    /** Takes the span's days from the events of each, by the day's end; a day absent had no events. */
    void record(Span span, Map<Instant, EventCounts> byDayEnd) {
        if (through == null || !span.first().equals(through.plusDays(1))) {
            // Not adjacent to what is known (too long ago): what is known is older than 90 days by now.
            values.clear();
        }
        for (LocalDate day = span.first(); !day.isAfter(span.last()); day = day.plusDays(1)) {
            EventCounts counts = byDayEnd.get(end(day));
            values.addFirst(counts == null || counts.total() <= 0 ? null : percentGood(counts));
        }
        while (values.size() > DAYS) {
            values.removeLast();
        }
        through = span.last();
    }

    /**
     * The days as the status shows them, newest first: the days before the first with events (before
     * Prometheus kept any) are left out; a day without events since then counts as 100.
     */
    List<Double> shown() {
        List<Double> shown = new ArrayList<>(values);
        while (!shown.isEmpty() && shown.get(shown.size() - 1) == null) {
            shown.remove(shown.size() - 1);
        }
        shown.replaceAll(v -> v == null ? 100.0 : v);
        return shown;
    }

    /** The day of the first value shown; empty until a day was read. */
    Optional<LocalDate> through() {
        return shown().isEmpty() ? Optional.empty() : Optional.ofNullable(through);
    }

    private static Double percentGood(EventCounts counts) {
        double good = Math.max(0, 1 - counts.bad() / counts.total());
        return BigDecimal.valueOf(good * 100).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static Instant end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
