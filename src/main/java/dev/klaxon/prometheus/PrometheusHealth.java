package dev.klaxon.prometheus;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether Prometheus answers, as every query finds out: an answer of any kind (even a rule's bad
 * query) means it is there; only {@code Unreachable} (no answer in time, a refused connection, a
 * 5xx) starts an outage, and the next answer ends it. One for the operator's one Prometheus, so
 * an outage is one fact, however many rules found it.
 */
public final class PrometheusHealth {

    /** Since when no query has been answered, and the last reason. */
    public record Outage(Instant since, String lastError) {
    }

    private final Clock clock;
    private Instant unreachableSince;
    private String lastError;

    public PrometheusHealth(Clock clock) {
        this.clock = clock;
    }

    synchronized void answered() {
        unreachableSince = null;
        lastError = null;
    }

    synchronized void unreachable(String why) {
        if (unreachableSince == null) {
            unreachableSince = clock.instant();
        }
        lastError = why;
    }

    public synchronized Optional<Outage> outage() {
        return unreachableSince == null ? Optional.empty() : Optional.of(new Outage(unreachableSince, lastError));
    }
}
