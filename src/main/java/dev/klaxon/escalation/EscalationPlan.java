package dev.klaxon.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When each level of a policy is notified for an incident opened at a given instant: level 1 at
 * once, each next level when the previous one's delay has passed, and the whole chain again
 * {@code repeat} times. Nothing is due at or after the acknowledgement. Plain, with times passed
 * in, so the climb is unit-tested without waiting.
 */
public final class EscalationPlan {

    /** One notification of one level: round 0 is the first pass, level 1 the first level. */
    public record Step(int round, int level, Instant at) {
        /** Whether this step comes after the given position (round, level) in the plan. */
        public boolean isAfter(int otherRound, int otherLevel) {
            return round > otherRound || round == otherRound && level > otherLevel;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final Instant end;

    public EscalationPlan(Instant openedAt, List<Duration> delays, int repeat) {
        Instant at = openedAt;
        for (int round = 0; round <= repeat; round++) {
            for (int level = 1; level <= delays.size(); level++) {
                steps.add(new Step(round, level, at));
                at = at.plus(delays.get(level - 1));
            }
        }
        end = at;
    }

    /** Steps due by {@code now}, and before the acknowledgement when there is one. */
    public List<Step> due(Instant now, Optional<Instant> acknowledgedAt) {
        return steps.stream().filter(s -> !s.at().isAfter(now))
                .filter(s -> acknowledgedAt.map(ack -> s.at().isBefore(ack)).orElse(true)).toList();
    }

    /** The first step after {@code now}, unless the incident is acknowledged or the plan is done. */
    public Optional<Step> next(Instant now, Optional<Instant> acknowledgedAt) {
        if (acknowledgedAt.isPresent()) {
            return Optional.empty();
        }
        return steps.stream().filter(s -> s.at().isAfter(now)).findFirst();
    }

    /** The step that comes right after the given position (round, level), if the plan has one. */
    public Optional<Step> after(int round, int level) {
        return steps.stream().filter(s -> s.isAfter(round, level)).findFirst();
    }

    /** When the last level of the last round has had its delay: nobody else is left to page. */
    public Instant exhaustedAt() {
        return end;
    }
}
