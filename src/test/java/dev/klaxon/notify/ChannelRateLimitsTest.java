package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelRateLimitsTest {

    @Test
    void atMostTheLimitPerMinutePerChannel() {
        ChannelRateLimits limits = new ChannelRateLimits();
        Instant t = Instant.parse("2026-11-26T10:00:00Z");

        assertThat(limits.acquire("ns/slack", 2, t)).isEmpty();
        assertThat(limits.acquire("ns/slack", 2, t.plusSeconds(10))).isEmpty();
        assertThat(limits.acquire("ns/slack", 2, t.plusSeconds(20))).contains(t.plusSeconds(60));
        assertThat(limits.acquire("ns/pagerduty", 2, t.plusSeconds(20))).as("another channel is not held up").isEmpty();
        assertThat(limits.acquire("ns/slack", 2, t.plusSeconds(60))).isEmpty();
    }
}
