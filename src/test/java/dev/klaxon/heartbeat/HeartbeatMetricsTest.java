package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Heartbeat;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatMetricsTest {

    private static Heartbeat heartbeat(String namespace, String name) {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return heartbeat;
    }

    @Test
    void everySignalIsTheGaugeAndAHeartbeatThatIsGoneLeavesNoSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeartbeatMetrics metrics = new HeartbeatMetrics(registry);
        metrics.signalled(heartbeat("payments", "backup"), Instant.ofEpochSecond(100));
        metrics.signalled(heartbeat("payments", "backup"), Instant.ofEpochSecond(160));
        metrics.signalled(heartbeat("search", "reindex"), Instant.ofEpochSecond(120));
        assertThat(registry.find("klaxon.heartbeat.last.signal.timestamp.seconds").tags("heartbeat", "backup").gauge().value()).isEqualTo(160);

        metrics.retainOnly("payments/backup"::equals);

        assertThat(registry.find("klaxon.heartbeat.last.signal.timestamp.seconds").gauges()).extracting(g -> g.getId().getTag("heartbeat"))
                .containsExactly("backup");
        metrics.signalled(heartbeat("search", "reindex"), Instant.ofEpochSecond(200));
        assertThat(registry.find("klaxon.heartbeat.last.signal.timestamp.seconds").tags("heartbeat", "reindex").gauges())
                .extracting(Gauge::value).as("a heartbeat made again gets its series again").containsExactly(200.0);
    }
}
