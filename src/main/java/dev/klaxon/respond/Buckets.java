package dev.klaxon.respond;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per key (a client address, a link): at most {@code burst} requests at once, then
 * one per {@code refill}. Bounded: past {@code maxKeys} the least recently seen key is forgotten.
 */
final class Buckets {

    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private final Map<String, double[]> buckets;

    Buckets(int burst, Duration refill, int maxKeys, Clock clock) {
        this.burst = burst;
        this.refill = refill;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one request's token for {@code key}; false when its bucket is empty. */
    synchronized boolean take(String key) {
        Instant now = clock.instant();
        double millis = now.toEpochMilli();
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, millis});
        double refilled = Math.min(burst, bucket[0] + (millis - bucket[1]) / refill.toMillis());
        bucket[1] = millis;
        if (refilled < 1) {
            bucket[0] = refilled;
            return false;
        }
        bucket[0] = refilled - 1;
        return true;
    }
}
