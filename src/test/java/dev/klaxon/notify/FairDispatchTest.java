package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FairDispatchTest {

    private final FairDispatch<String> dispatch = new FairDispatch<>(new FairDispatch.Limits(2, 4, 6, 30));

    private List<String> startAll() {
        List<String> started = new ArrayList<>();
        for (Optional<FairDispatch.Started<String>> next = dispatch.next(); next.isPresent(); next = dispatch.next()) {
            started.add(next.get().item());
        }
        return started;
    }

    @Test
    void aNamespaceWithABacklogDoesNotQueueAnotherNamespacesPageBehindIt() {
        for (int i = 0; i < 20; i++) {
            dispatch.add("team-a", "tarpit-" + i, "a" + i);
        }
        dispatch.add("team-b", "pager", "b-page");

        List<String> started = startAll();

        assertThat(started).as("team-a holds at most its 4 slots, and team-b's page starts at once").hasSize(5).contains("b-page");
        assertThat(started.indexOf("b-page")).as("served in turn, not after team-a's queue").isLessThanOrEqualTo(1);
        assertThat(dispatch.waiting()).isEqualTo(16);
    }

    @Test
    void aChannelNeverAnsweringHoldsOnlyItsOwnSlots() {
        for (int i = 0; i < 5; i++) {
            dispatch.add("team-a", "tarpit", "tarpit-" + i);
        }
        dispatch.add("team-a", "slack", "slack-page");

        assertThat(startAll()).containsExactly("tarpit-0", "tarpit-1", "slack-page");
    }

    @Test
    void aFinishedSendFreesItsSlotsForTheNextOfTheSameChannel() {
        dispatch.add("team-a", "tarpit", "first");
        dispatch.add("team-a", "tarpit", "second");
        dispatch.add("team-a", "tarpit", "third");
        FairDispatch.Started<String> first = dispatch.next().orElseThrow();
        dispatch.next().orElseThrow();
        assertThat(dispatch.next()).isEmpty();

        dispatch.done(first, true);

        assertThat(dispatch.next()).map(FairDispatch.Started::item).contains("third");
    }

    @Test
    void theTotalBoundsAllNamespacesTogether() {
        for (String namespace : List.of("a", "b", "c", "d")) {
            for (int i = 0; i < 3; i++) {
                dispatch.add(namespace, "channel-" + i, namespace + i);
            }
        }

        List<String> started = startAll();

        assertThat(started).hasSize(6);
        assertThat(started.subList(0, 4)).as("one of each namespace first").containsExactly("a0", "b0", "c0", "d0");
    }

    @Test
    void aNamespaceQueuesOnlyUpToItsLimit() {
        for (int i = 0; i < 30; i++) {
            dispatch.add("team-a", "channel", "m" + i);
        }

        assertThat(dispatch.hasRoom("team-a")).isFalse();
        assertThat(dispatch.hasRoom("team-b")).isTrue();
    }

    @Test
    void aTenantsFailingChannelsShareABudgetOfTheirOwnAndNeverHoldBackItsHealthyOnes() {
        // Ten channels that never answer: each one's first send failed (timed out), and they retry.
        for (int i = 0; i < 10; i++) {
            dispatch.add("team-a", "tarpit-" + i, "tarpit-" + i);
            dispatch.done(dispatch.next().orElseThrow(), false);
        }
        for (int i = 0; i < 10; i++) {
            dispatch.add("team-a", "tarpit-" + i, "retry-" + i);
        }
        List<String> retrying = startAll();
        assertThat(retrying).as("the failing channels' own budget").hasSize(4);

        dispatch.add("team-a", "pager", "page");

        assertThat(startAll()).as("the healthy channel starts at once").containsExactly("page");
    }

    @Test
    void aChannelThatDeliversAgainLeavesTheFailingBudget() {
        dispatch.add("team-a", "flaky", "first");
        dispatch.done(dispatch.next().orElseThrow(), false);
        dispatch.add("team-a", "flaky", "second");
        FairDispatch.Started<String> second = dispatch.next().orElseThrow();
        assertThat(second.failing()).isTrue();

        dispatch.done(second, true);
        dispatch.add("team-a", "flaky", "third");

        assertThat(dispatch.next().orElseThrow().failing()).isFalse();
    }
}
