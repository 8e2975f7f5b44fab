package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesAtOnceThenRequestsWaitTheirTurnAtTheRate() {
        ClientRateLimit limit = new ClientRateLimit(10, 5);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(limit.reserve(start)).as("request %d of the burst", i).isZero();
        }
        assertThat(limit.reserve(start)).isEqualTo(SECOND / 10);
        assertThat(limit.reserve(start)).isEqualTo(2 * SECOND / 10);
    }

    @Test
    void aQuietSpellRefillsTheBucketUpToTheBurstOnly() {
        ClientRateLimit limit = new ClientRateLimit(10, 2);
        long start = System.nanoTime();
        limit.reserve(start);
        limit.reserve(start);
        long later = start + 60 * SECOND;
        assertThat(limit.reserve(later)).isZero();
        assertThat(limit.reserve(later)).isZero();
        assertThat(limit.reserve(later)).isPositive();
    }
}
