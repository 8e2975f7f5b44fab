package dev.klaxon.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per client address and namespace, so that a client guessing tokens or
 * paths is refused before it costs anything: at most {@link #BURST} failures, then one per
 * {@link #REFILL}. Per namespace too, because one Alertmanager often serves several tenants: a
 * tenant with a wrong token must not block another's notifications from the same address.
 * Bounded: the least recently seen of more than {@link #MAX_CLIENTS} keys are forgotten.
 */
public final class FailedAuthentications {

    public static final int BURST = 10;
    public static final Duration REFILL = Duration.ofSeconds(6);
    public static final int MAX_CLIENTS = 10_000;

    private record Allowance(double tokens, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Allowance> byClient = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Allowance> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public FailedAuthentications(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code client} has failed too often lately, for {@code namespace}, to be heard now. */
    public synchronized boolean isBlocked(String client, String namespace) {
        return current(client + " " + namespace) < 1;
    }

    /** Counts a failure of {@code client} for {@code namespace}. */
    public synchronized void failed(String client, String namespace) {
        String key = client + " " + namespace;
        byClient.put(key, new Allowance(Math.max(0, current(key) - 1), clock.instant()));
    }

    private double current(String client) {
        Allowance allowance = byClient.get(client);
        if (allowance == null) {
            return BURST;
        }
        double refilled = Duration.between(allowance.at(), clock.instant()).toMillis() / (double) REFILL.toMillis();
        return Math.min(BURST, allowance.tokens() + refilled);
    }
}
