package dev.klaxon.statuspage.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often the public may ask for something that writes to the cluster (to subscribe, or to
 * relay a followed link): a few times per client address in ten minutes, and a bound for everyone
 * together, so a script cannot fill the namespace with subscribers, make the operator mail
 * strangers, or hold the site's two writing threads. Kept for a bounded number of client
 * addresses (the least recent are forgotten first).
 */
final class ClientLimits {

    /** The default of {@code klaxon.status-site.subscribe-per-client}. */
    static final int PER_CLIENT = 5;
    static final Duration CLIENT_WINDOW = Duration.ofMinutes(10);
    static final int PER_MINUTE = 60;
    static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final int perClient;
    private final int perMinute;
    private final Deque<Instant> everyone = new ArrayDeque<>();
    private final Map<String, Deque<Instant>> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    ClientLimits(Clock clock) {
        this(clock, PER_CLIENT, PER_MINUTE);
    }

    /**
     * @param perClient how many requests one client address may make in {@link #CLIENT_WINDOW}
     * @param perMinute how many all clients together may make in a minute
     */
    ClientLimits(Clock clock, int perClient, int perMinute) {
        this.clock = clock;
        this.perClient = perClient;
        this.perMinute = perMinute;
    }

    /** Whether {@code client} may ask now; counts the request if so. */
    synchronized boolean allow(String client) {
        Instant now = clock.instant();
        drop(everyone, now.minus(Duration.ofMinutes(1)));
        Deque<Instant> mine = clients.computeIfAbsent(client, c -> new ArrayDeque<>());
        drop(mine, now.minus(CLIENT_WINDOW));
        if (everyone.size() >= perMinute || mine.size() >= perClient) {
            return false;
        }
        everyone.addLast(now);
        mine.addLast(now);
        return true;
    }

    private static void drop(Deque<Instant> times, Instant before) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(before)) {
            times.pollFirst();
        }
    }
}
