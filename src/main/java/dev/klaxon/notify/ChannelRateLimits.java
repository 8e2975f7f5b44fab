package dev.klaxon.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** At most N sends per channel in any minute (in memory: a restart starts every channel afresh). */
final class ChannelRateLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

    /** Takes a slot now, or says when the next one frees up. */
    Optional<Instant> acquire(String channel, int perMinute, Instant now) {
        Deque<Instant> times = sent.computeIfAbsent(channel, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return Optional.of(times.peekFirst().plus(WINDOW));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }
}
