package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationPlanTest {

    private static final Instant OPENED = Instant.parse("2026-11-26T10:00:00Z");
    private final EscalationPlan plan = new EscalationPlan(OPENED,
            List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15)), 1);

    private static Instant at(int minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void levelOneIsNotifiedAtOnceAndEachNextLevelAfterThePreviousDelay() {
        assertThat(plan.due(OPENED, Optional.empty())).containsExactly(new EscalationPlan.Step(0, 1, OPENED));
        assertThat(plan.due(at(4), Optional.empty())).hasSize(1);
        assertThat(plan.due(at(5), Optional.empty())).extracting(EscalationPlan.Step::level).containsExactly(1, 2);
        assertThat(plan.due(at(15), Optional.empty())).extracting(EscalationPlan.Step::level).containsExactly(1, 2, 3);
        assertThat(plan.next(at(5), Optional.empty())).contains(new EscalationPlan.Step(0, 3, at(15)));
    }

    @Test
    void theChainStartsOverAsOftenAsItRepeatsThenStops() {
        assertThat(plan.next(at(15), Optional.empty())).contains(new EscalationPlan.Step(1, 1, at(30)));
        assertThat(plan.due(at(60), Optional.empty())).hasSize(6).last().isEqualTo(new EscalationPlan.Step(1, 3, at(45)));
        assertThat(plan.next(at(45), Optional.empty())).isEmpty();
        assertThat(plan.exhaustedAt()).isEqualTo(at(60));
    }

    @Test
    void anAcknowledgementStopsTheClimb() {
        Optional<Instant> ack = Optional.of(at(7));

        assertThat(plan.due(at(60), ack)).extracting(EscalationPlan.Step::level).containsExactly(1, 2);
        assertThat(plan.next(at(8), ack)).isEmpty();
    }

    @Test
    void stepsCompareByRoundThenLevel() {
        assertThat(new EscalationPlan.Step(0, 2, OPENED).isAfter(0, 1)).isTrue();
        assertThat(new EscalationPlan.Step(1, 1, OPENED).isAfter(0, 3)).isTrue();
        assertThat(new EscalationPlan.Step(0, 1, OPENED).isAfter(0, 1)).isFalse();
    }
}
