package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final ClientLimits limits = new ClientLimits(clock);

    @Test
    void aClientAsksAFewTimesInTenMinutes() {
        for (int i = 0; i < ClientLimits.PER_CLIENT; i++) {
            assertThat(limits.allow("10.0.0.1")).isTrue();
        }
        assertThat(limits.allow("10.0.0.1")).isFalse();
        assertThat(limits.allow("10.0.0.2")).as("another client").isTrue();
        clock.advance(ClientLimits.CLIENT_WINDOW.plusSeconds(1));
        assertThat(limits.allow("10.0.0.1")).isTrue();
    }

    @Test
    void everyoneTogetherIsBoundedPerMinute() {
        for (int i = 0; i < ClientLimits.PER_MINUTE; i++) {
            assertThat(limits.allow("10.1." + i / 256 + "." + i % 256)).isTrue();
        }
        assertThat(limits.allow("10.9.9.9")).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(limits.allow("10.9.9.9")).isTrue();
    }
}
