package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static RuleBudget.Member waiting(String name, int minute) {
        return new RuleBudget.Member(name, T0.plus(Duration.ofMinutes(minute)), null);
    }

    private static RuleBudget.Member started(String name, int minute, int startedMinute) {
        return new RuleBudget.Member(name, T0.plus(Duration.ofMinutes(minute)), T0.plus(Duration.ofMinutes(startedMinute)));
    }

    @Test
    void theFirstOfAnHourStartAndTheNextWaitUntilTheOldestStartIsAnHourOld() {
        List<RuleBudget.Member> members = List.of(started("a", 0, 0), started("b", 5, 5), waiting("c", 10), waiting("d", 11));
        Instant now = T0.plus(Duration.ofMinutes(12));

        assertThat(RuleBudget.deferredUntil(waiting("c", 10), members, 2, now)).contains(T0.plus(Duration.ofMinutes(60)));
        // d waits behind c as well: it needs both a and b to leave the hour.
        assertThat(RuleBudget.deferredUntil(waiting("d", 11), members, 2, now)).contains(T0.plus(Duration.ofMinutes(65)));
        assertThat(RuleBudget.deferredUntil(waiting("c", 10), members, 3, now)).isEmpty();
        assertThat(RuleBudget.deferredUntil(waiting("d", 11), members, 3, now)).contains(T0.plus(Duration.ofMinutes(60)));
    }

    @Test
    void startsOlderThanAnHourNoLongerCount() {
        List<RuleBudget.Member> members = List.of(started("a", 0, 0), started("b", 5, 5), waiting("c", 10));

        assertThat(RuleBudget.deferredUntil(waiting("c", 10), members, 2, T0.plus(Duration.ofMinutes(59)))).isPresent();
        assertThat(RuleBudget.deferredUntil(waiting("c", 10), members, 2, T0.plus(Duration.ofMinutes(60)))).isEmpty();
    }

    @Test
    void waitingMembersGoInTheOrderTheirRoundsBeganTiesByName() {
        List<RuleBudget.Member> members = List.of(waiting("y", 1), waiting("x", 1), waiting("w", 2));

        assertThat(RuleBudget.deferredUntil(waiting("x", 1), members, 1, T0.plus(Duration.ofMinutes(3)))).isEmpty();
        assertThat(RuleBudget.deferredUntil(waiting("y", 1), members, 1, T0.plus(Duration.ofMinutes(3)))).isPresent();
        assertThat(RuleBudget.deferredUntil(waiting("w", 2), members, 2, T0.plus(Duration.ofMinutes(3)))).isPresent();
    }

    @Test
    void grantsOfThisProcessCountBeforeTheCacheShowsThem() {
        RuleBudget budget = new RuleBudget();
        Instant now = T0.plus(Duration.ofMinutes(1));
        // Ten incidents of one rule reconciled at once, each seeing the others still waiting in the cache.
        List<RuleBudget.Member> cache = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cache.add(waiting("i" + i, 0));
        }
        long granted = cache.stream().filter(own -> budget.ask("ns/rule", own, cache, 3, now).isEmpty()).count();

        assertThat(granted).isEqualTo(3);
        // Another rule has its own budget.
        assertThat(budget.ask("ns/other", waiting("o", 0), List.of(waiting("o", 0)), 1, now)).isEmpty();
        // An hour after the grants, the next three may start.
        Instant later = now.plus(Duration.ofHours(1));
        long next = cache.stream().filter(own -> budget.ask("ns/rule", own, cache, 3, later).isEmpty()).count();
        assertThat(next).isEqualTo(3);
    }
}
