package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FinalGraceTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final FinalGrace grace = new FinalGrace(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, GRACE);

    @Test
    void anObjectThatIsNotFinishedIsNeverMarked() {
        assertThat(grace.decide("a", false)).isEqualTo(FinalGrace.Decision.NOTHING);
        now = now.plus(Duration.ofDays(30));
        assertThat(grace.decide("a", false).markNow()).isFalse();
        assertThat(grace.size()).isZero();
    }

    @Test
    void aFinishedObjectIsMarkedOnlyAfterTheGrace() {
        FinalGrace.Decision first = grace.decide("a", true);
        assertThat(first.markNow()).isFalse();
        assertThat(first.lookAgainIn()).hasValueSatisfying(d -> assertThat(d).isBetween(GRACE, GRACE.plusSeconds(1)));
        now = now.plus(Duration.ofMinutes(4));
        assertThat(grace.decide("a", true).markNow()).isFalse();
        assertThat(grace.decide("a", true).lookAgainIn()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMinutes(1).plusSeconds(1)));
        now = now.plus(Duration.ofMinutes(1));
        assertThat(grace.decide("a", true)).isEqualTo(new FinalGrace.Decision(true, Optional.empty()));
    }

    @Test
    void aChangeInTheGraceStartsItAgain() {
        grace.decide("a", true);
        now = now.plus(Duration.ofMinutes(4));
        grace.decide("a", false); // reopened meanwhile
        now = now.plus(Duration.ofMinutes(2));
        assertThat(grace.decide("a", true).markNow()).isFalse();
        now = now.plus(GRACE);
        assertThat(grace.decide("a", true).markNow()).isTrue();
    }

    @Test
    void anObjectNobodyReadUnfinishedNeedsNoGrace() {
        grace.startedLongAgo("imported");
        assertThat(grace.decide("imported", true).markNow()).isTrue();
    }

    @Test
    void entriesOfObjectsDeletedBeforeTheirMarkAreDropped() {
        grace.decide("deleted-meanwhile", true);
        now = now.plus(Duration.ofHours(1));
        grace.decide("other", false);
        assertThat(grace.size()).isZero();
    }
}
