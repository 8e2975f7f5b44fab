package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.HeartbeatStatus.State;
import dev.klaxon.common.KlaxonDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a heartbeat's signal is overdue, decided from what was observed and the time: pure, so
 * every case is a unit test with a clock.
 *
 * @param state     where the signal stands
 * @param message   why it is missed (empty when it is not)
 * @param recheckAt when the answer changes by itself if no signal arrives (the next deadline)
 */
record HeartbeatVerdict(State state, String message, Optional<Instant> recheckAt) {

    /**
     * A signal every {@code period} (a check-in, an alert): missed once {@code period + grace} have passed since the last
     * one, or since the heartbeat was created when there has been none (its first gets as long).
     *
     * @param what the signal in words, e.g. "check-in"
     */
    static HeartbeatVerdict ofSignal(String what, Optional<Instant> lastSignal, Instant created, Duration period, Duration grace, Instant now) {
        Instant due = lastSignal.orElse(created).plus(period).plus(grace);
        if (now.isBefore(due)) {
            return new HeartbeatVerdict(lastSignal.isPresent() ? State.Healthy : State.Waiting, "", Optional.of(due));
        }
        String every = " (due every " + KlaxonDurations.format(period) + ", " + KlaxonDurations.format(grace) + " of grace)";
        String message = lastSignal.map(last -> "no " + what + " since " + last + every)
                .orElse("no " + what + " since the heartbeat was created at " + created + every);
        return new HeartbeatVerdict(State.Missed, message, Optional.empty());
    }

    /**
     * A CronJob's runs: the run scheduled last before {@code now - grace} must have succeeded (a
     * success at or after that scheduled time). Runs due before the heartbeat and the CronJob
     * existed are not owed.
     *
     * @param failureOf what the Job of the run scheduled at a time says, if anything (asked only for a run owed and missing)
     */
    static HeartbeatVerdict ofCronJob(CronSchedule schedule, Optional<Instant> lastSuccess, Instant since, Duration grace, boolean suspended,
            Function<Instant, Optional<String>> failureOf, Instant now) {
        Optional<Instant> owed = schedule.previous(now.minus(grace)).filter(run -> !run.isBefore(since));
        Optional<Instant> nextDeadline = schedule.next(now.minus(grace)).map(run -> run.plus(grace));
        if (owed.isEmpty() || lastSuccess.filter(success -> !success.isBefore(owed.get())).isPresent()) {
            return new HeartbeatVerdict(lastSuccess.isPresent() ? State.Healthy : State.Waiting, "", nextDeadline);
        }
        String message = "the run scheduled at " + owed.get() + " has not succeeded " + KlaxonDurations.format(grace) + " later"
                + (suspended ? ": the CronJob is suspended" : failureOf.apply(owed.get()).map(f -> ": " + f).orElse(""))
                + lastSuccess.map(s -> " (last success " + s + ")").orElse(" (no success yet)");
        return new HeartbeatVerdict(State.Missed, message, nextDeadline);
    }
}
