package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aClientThatKeepsFailingForANamespaceIsBlockedThereAndHeardAgainAsTimePasses() {
        FailedAuthentications failures = new FailedAuthentications(clock);
        for (int i = 0; i < FailedAuthentications.BURST; i++) {
            assertThat(failures.isBlocked("10.0.0.9", "t1")).isFalse();
            failures.failed("10.0.0.9", "t1");
        }

        assertThat(failures.isBlocked("10.0.0.9", "t1")).isTrue();
        assertThat(failures.isBlocked("10.0.0.7", "t1")).as("another client").isFalse();
        assertThat(failures.isBlocked("10.0.0.9", "t2")).as("the same Alertmanager, another tenant").isFalse();
        now = now.plus(FailedAuthentications.REFILL);
        assertThat(failures.isBlocked("10.0.0.9", "t1")).isFalse();
        failures.failed("10.0.0.9", "t1");
        assertThat(failures.isBlocked("10.0.0.9", "t1")).isTrue();
    }

    @Test
    void itRemembersABoundedNumberOfClients() {
        FailedAuthentications failures = new FailedAuthentications(clock);
        for (int c = 0; c <= FailedAuthentications.MAX_CLIENTS; c++) {
            for (int i = 0; i < FailedAuthentications.BURST; i++) {
                failures.failed("client-" + c, "t1");
            }
        }

        assertThat(failures.isBlocked("client-0", "t1")).as("forgotten, the oldest").isFalse();
        assertThat(failures.isBlocked("client-" + FailedAuthentications.MAX_CLIENTS, "t1")).isTrue();
    }
}
