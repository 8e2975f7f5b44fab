package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One evaluation of an objective: the hours its ledger lacks (all of them after a start, then
 * one an hour) in one range query, the short windows and the time since the last known hour in
 * one instant query, and from those the counts over every window and the budget.
 */
final class SloEvaluator {

    /** How long after an hour ends its last samples are surely in Prometheus (a scrape interval, and slack). */
    static final Duration SETTLE = Duration.ofMinutes(2);

    /** What the evaluator asks Prometheus, for one namespace's objective (confined to it in a tenancy mode). */
    interface Prometheus {
        List<Sample> query(String namespace, String promql, Instant at) throws PrometheusException;

        List<PrometheusClient.Series> queryRange(String namespace, String promql, Instant start, Instant end, Duration step)
                throws PrometheusException;
    }

    /** After reading the hours back failed, how long until it is tried again (the short windows are evaluated meanwhile). */
    static final Duration HISTORY_RETRY = Duration.ofMinutes(5);

    /**
     * An evaluation: the budget (without the long windows while the hours are not known), and why
     * they are not; the SLI of each past day, newest first (through its first day), and why the
     * latest days could not be read (when they were tried in this evaluation).
     */
    record Evaluation(ErrorBudget budget, boolean hoursKnown, Optional<PrometheusException> historyFailure, List<Double> dailySli,
            Optional<java.time.LocalDate> dailySliThrough, Optional<PrometheusException> daysFailure) {
    }

    /** An objective's memory between evaluations: its hours, valid while its SLI's queries are the same. */
    static final class Memory {
        private final String identity;
        private final HourlyLedger ledger;
        private final DailySli days;
        private Instant historyAgainAt = Instant.MIN;
        private PrometheusException historyFailure;
        private Instant daysAgainAt = Instant.MIN;

        /** @param days the days known already (from the objective's status after a restart) */
        Memory(String identity, Duration longest, DailySli days) {
            this.identity = identity;
            this.ledger = new HourlyLedger(longest);
            this.days = days;
        }

        /** This memory if it counts the same queries over as long, a fresh one otherwise (its days too, if the queries differ). */
        Memory forQueries(String identity, Duration longest) {
            return this.identity.equals(identity) && ledger.covers(longest) ? this
                    : new Memory(identity, longest, this.identity.equals(identity) ? days : new DailySli());
        }
    }

    private final Prometheus prometheus;

    SloEvaluator(Prometheus prometheus) {
        this.prometheus = prometheus;
    }

    /**
     * The budget at {@code at}, filling the memory's missing hours first. When they cannot be read,
     * the short windows still are (a page needs only them), and the hours are tried again later.
     *
     * @throws PrometheusException when the short windows cannot be read
     */
    Evaluation evaluate(String namespace, ServiceLevelObjectiveSpec spec, SliQueries queries, SloAlerting alerting, Memory memory, Instant at)
            throws PrometheusException {
        Duration window = SloAlerting.window(spec);
        HourlyLedger ledger = memory.ledger;
        Instant lastHour = HourlyLedger.hourEnd(at.minus(SETTLE));
        var missing = ledger.missing(lastHour);
        // After a long read of hours (a start, a new SLI), the days wait for the next evaluation: a verdict waits for one long read at most.
        boolean readManyHours = false;
        if (missing.isPresent() && !at.isBefore(memory.historyAgainAt)) {
            var span = missing.get();
            try {
                ledger.record(span, queries.stepsOf(prometheus.queryRange(namespace, queries.perStep(HourlyLedger.HOUR), span.first(), span.last(),
                        HourlyLedger.HOUR), HourlyLedger.HOUR));
                memory.historyFailure = null;
                readManyHours = span.hours() > 1;
            } catch (PrometheusException e) {
                memory.historyFailure = e;
                memory.historyAgainAt = at.plus(HISTORY_RETRY);
            }
        }
        // Hours a little behind (an hour's query failed) still count: the raw window since the last known one is at most 6h.
        Optional<Instant> knownUpTo = ledger.lastHour().filter(last -> Duration.between(last, at).compareTo(SloAlerting.RAW_UP_TO) <= 0);
        boolean hoursKnown = knownUpTo.isPresent();
        Duration recent = Duration.between(knownUpTo.orElse(lastHour), at);
        Set<Duration> raw = new TreeSet<>();
        Set<Duration> fromHours = new TreeSet<>();
        for (Duration w : alerting.windows()) {
            (w.compareTo(SloAlerting.RAW_UP_TO) <= 0 ? raw : fromHours).add(w);
        }
        fromHours.add(window);
        raw.add(recent);
        Map<Duration, EventCounts> counts = new LinkedHashMap<>(queries.countsOf(prometheus.query(namespace, queries.instant(raw), at), raw));
        EventCounts sinceLastHour = counts.get(recent);
        if (!alerting.windows().contains(recent)) {
            counts.remove(recent);
        }
        if (hoursKnown) {
            for (Duration w : fromHours) {
                ledger.sum(w, at, sinceLastHour).ifPresent(c -> counts.put(w, c));
            }
        }
        Optional<PrometheusException> daysFailure = readManyHours ? Optional.empty() : readDays(namespace, queries, memory, at);
        return new Evaluation(ErrorBudget.of(counts, spec.getObjective(), window, alerting.currentRateWindow(), at), hoursKnown,
                Optional.ofNullable(memory.historyFailure), memory.days.shown(), memory.days.through(), daysFailure);
    }

    /** The days that ended since the last read, in one range query at daily steps (tried again later when it fails). */
    private Optional<PrometheusException> readDays(String namespace, SliQueries queries, Memory memory, Instant at) {
        var missing = memory.days.missing(at);
        if (missing.isEmpty() || at.isBefore(memory.daysAgainAt)) {
            return Optional.empty();
        }
        var span = missing.get();
        try {
            memory.days.record(span, queries.stepsOf(prometheus.queryRange(namespace, queries.perStep(DailySli.DAY), span.firstEnd(),
                    span.lastEnd(), DailySli.DAY), DailySli.DAY));
            return Optional.empty();
        } catch (PrometheusException e) {
            memory.daysAgainAt = at.plus(HISTORY_RETRY);
            return Optional.of(e);
        }
    }

    /** The hours an objective keeps: its window, or its longest alert window if that is longer. */
    static Duration longest(ServiceLevelObjectiveSpec spec, SloAlerting alerting) {
        Duration longest = SloAlerting.window(spec);
        for (Duration w : alerting.windows()) {
            longest = w.compareTo(longest) > 0 ? w : longest;
        }
        return longest;
    }
}
