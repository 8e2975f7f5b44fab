package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.Heartbeat;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * klaxon_heartbeat_last_signal_timestamp_seconds{namespace, heartbeat}: every signal the leader
 * has seen, for the dashboard (the status records it at most once a period). One series per
 * Heartbeat the leader has seen signal, dropped when the heartbeat is gone (the sweep of
 * {@link HeartbeatSignals}).
 */
@ApplicationScoped
public class HeartbeatMetrics {

    private static final String NAME = "klaxon.heartbeat.last.signal.timestamp.seconds";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSignal = new ConcurrentHashMap<>();

    public HeartbeatMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void signalled(Heartbeat heartbeat, Instant at) {
        lastSignal.computeIfAbsent(key(heartbeat), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(NAME, value, AtomicLong::get).description("When the heartbeat's last signal arrived (check-in, or the CronJob's last success)")
                    .tags(tags(heartbeat)).register(registry);
            return value;
        }).set(at.getEpochSecond());
    }

    /** Drops the series of heartbeats that are gone ({@code exists} says, for "namespace/name"). */
    void retainOnly(java.util.function.Predicate<String> exists) {
        for (String key : lastSignal.keySet()) {
            if (!exists.test(key) && lastSignal.remove(key) != null) {
                String[] parts = key.split("/", 2);
                registry.find(NAME).tags("namespace", parts[0], "heartbeat", parts[1]).meters().forEach(registry::remove);
            }
        }
    }

    private static String key(Heartbeat heartbeat) {
        return heartbeat.getMetadata().getNamespace() + "/" + heartbeat.getMetadata().getName();
    }

    private static Tags tags(Heartbeat heartbeat) {
        return Tags.of("namespace", heartbeat.getMetadata().getNamespace(), "heartbeat", heartbeat.getMetadata().getName());
    }
}
