package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.prometheus.PrometheusHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusWatchTest {

    private static final Instant SINCE = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration DOWN_AFTER = Duration.ofMinutes(3);
    private static final Optional<PrometheusHealth.Outage> OUTAGE = Optional.of(new PrometheusHealth.Outage(SINCE, "connection refused"));

    @Test
    void anOutageIsAnIncidentOnlyOnceItHasLastedTheThreshold() {
        assertThat(PrometheusWatch.decide(OUTAGE, DOWN_AFTER, SINCE.plusSeconds(179), false)).isEqualTo(PrometheusWatch.Move.NONE);
        assertThat(PrometheusWatch.decide(OUTAGE, DOWN_AFTER, SINCE.plusSeconds(180), false)).isEqualTo(PrometheusWatch.Move.OPEN);
        assertThat(PrometheusWatch.decide(OUTAGE, DOWN_AFTER, SINCE.plusSeconds(900), true)).as("one incident").isEqualTo(PrometheusWatch.Move.NONE);
    }

    @Test
    void anAnswerResolvesTheOpenIncidentAndAShortOutageOpensNone() {
        assertThat(PrometheusWatch.decide(Optional.empty(), DOWN_AFTER, SINCE, true)).isEqualTo(PrometheusWatch.Move.RESOLVE);
        assertThat(PrometheusWatch.decide(Optional.empty(), DOWN_AFTER, SINCE, false)).isEqualTo(PrometheusWatch.Move.NONE);
        assertThat(PrometheusWatch.decide(OUTAGE, DOWN_AFTER, SINCE.plusSeconds(10), true)).as("still down: kept open").isEqualTo(PrometheusWatch.Move.NONE);
    }
}
