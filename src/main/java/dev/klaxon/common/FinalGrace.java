package dev.klaxon.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each object has been finished, in memory: an object is marked final only after it
 * was seen finished for the grace period. A restart starts the grace again, which costs a few
 * minutes of cache, never a lost update. Holds only objects finished and not yet marked (open
 * work); entries of objects deleted meanwhile are dropped once they are long past their grace.
 */
final class FinalGrace {

    /** What to do now: mark the object final, and/or look again after a while. */
    record Decision(boolean markNow, Optional<Duration> lookAgainIn) {
        static final Decision NOTHING = new Decision(false, Optional.empty());
    }

    private final Clock clock;
    private final Duration grace;
    private final Map<String, Instant> finishedSince = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    FinalGrace(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    Decision decide(String uid, boolean finished) {
        Instant now = clock.instant();
        sweep(now);
        if (!finished) {
            finishedSince.remove(uid);
            return Decision.NOTHING;
        }
        Instant since = finishedSince.computeIfAbsent(uid, u -> now);
        Duration left = Duration.between(now, since.plus(grace));
        if (!left.isNegative() && !left.isZero()) {
            return new Decision(false, Optional.of(left.plusMillis(5)));
        }
        return new Decision(true, Optional.empty());
    }

    /** The object needs no grace: it counts as finished since long before. */
    void startedLongAgo(String uid) {
        finishedSince.putIfAbsent(uid, clock.instant().minus(grace));
    }

    void forget(String uid) {
        finishedSince.remove(uid);
    }

    int size() {
        return finishedSince.size();
    }

    /** Drops entries long past their grace: their objects were deleted before they were marked. */
    private void sweep(Instant now) {
        if (now.isBefore(lastSweep.plus(grace))) {
            return;
        }
        lastSweep = now;
        Instant stale = now.minus(grace.multipliedBy(2)).minus(Duration.ofMinutes(1));
        finishedSince.values().removeIf(since -> since.isBefore(stale));
    }
}
