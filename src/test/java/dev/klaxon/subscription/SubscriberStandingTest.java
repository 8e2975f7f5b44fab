package dev.klaxon.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.common.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriberStandingTest {

    private final StatusPageSubscriber alice = Subscribers.email("s-1", "alice@example.com", "2026-12-05T10:00:00Z");

    @Test
    void aPageThatTakesEmailTakesItsFirstSubscriber() {
        assertThat(SubscriberStanding.refusal(alice, Optional.of(Subscribers.page(Subscribers.byEmail())), List.of(alice))).isEmpty();
    }

    @Test
    void noPageNoSubscriptionsOrNotThisKindIsClosed() {
        assertThat(reason(SubscriberStanding.refusal(alice, Optional.empty(), List.of(alice)))).isEqualTo(ConditionReason.SubscriptionsClosed);
        assertThat(reason(SubscriberStanding.refusal(alice, Optional.of(Subscribers.page(null)), List.of(alice))))
                .isEqualTo(ConditionReason.SubscriptionsClosed);
        StatusPageSubscriptions webhooksOnly = Subscribers.byEmail();
        webhooksOnly.setEmailChannel(null);
        webhooksOnly.setWebhooks(true);
        assertThat(SubscriberStanding.refusal(alice, Optional.of(Subscribers.page(webhooksOnly)), List.of(alice)).orElseThrow().message())
                .contains("takes no email subscribers");
    }

    @Test
    void theSameAddressTwiceIsAskedOnceWhateverItsCase() {
        StatusPageSubscriber again = Subscribers.email("s-2", "Alice@Example.com", "2026-12-05T10:05:00Z");
        var page = Optional.of(Subscribers.page(Subscribers.byEmail()));
        assertThat(reason(SubscriberStanding.refusal(again, page, List.of(again, alice)))).isEqualTo(ConditionReason.AlreadySubscribed);
        assertThat(SubscriberStanding.refusal(alice, page, List.of(again, alice))).as("the older one stands").isEmpty();
    }

    @Test
    void theOneAskedAlreadyStandsWhateverTheOrderOfNames() {
        StatusPageSubscriber first = Subscribers.email("s-z", "bob@example.com", "2026-12-05T10:00:00Z");
        first.setStatus(new dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus());
        first.getStatus().setNotifications(new java.util.ArrayList<>());
        dev.klaxon.notify.NotificationLedger.request(first.getStatus().getNotifications(), "mailer", "subscription-confirm", "x",
                java.time.Instant.EPOCH);
        StatusPageSubscriber second = Subscribers.email("s-a", "Bob@Example.com", "2026-12-05T10:00:00Z");
        var page = Optional.of(Subscribers.page(Subscribers.byEmail()));
        assertThat(reason(SubscriberStanding.refusal(second, page, List.of(first, second)))).isEqualTo(ConditionReason.AlreadySubscribed);
        assertThat(SubscriberStanding.refusal(first, page, List.of(first, second))).isEmpty();
    }

    @Test
    void pastMaxSubscribersNewcomersAreRefusedAndTheConfirmedStay() {
        StatusPageSubscriptions two = Subscribers.byEmail();
        two.setMaxSubscribers(2);
        StatusPageSubscriber bob = confirmed(Subscribers.email("s-2", "bob@example.com", "2026-12-05T10:01:00Z"));
        StatusPageSubscriber carol = Subscribers.email("s-3", "carol@example.com", "2026-12-05T10:02:00Z");
        confirmed(alice);
        var page = Optional.of(Subscribers.page(two));
        List<StatusPageSubscriber> all = List.of(carol, bob, alice);
        assertThat(SubscriberStanding.refusal(bob, page, all)).isEmpty();
        assertThat(SubscriberStanding.refusal(alice, page, all)).isEmpty();
        assertThat(reason(SubscriberStanding.refusal(carol, page, all))).isEqualTo(ConditionReason.TooManySubscribers);
    }

    @Test
    void madeUpAddressesCannotCrowdOutTheConfirmedOnlyWaitInLine() {
        List<StatusPageSubscriber> all = new java.util.ArrayList<>(List.of(confirmed(alice)));
        int waiting = SubscriberStanding.maxPending(1000);
        for (int i = 0; i <= waiting; i++) {
            all.add(Subscribers.email(String.format("w-%04d", i), "made-up-" + i + "@example.com", "2026-12-05T11:00:00Z"));
        }
        var page = Optional.of(Subscribers.page(Subscribers.byEmail()));
        assertThat(SubscriberStanding.refusal(all.get(waiting), page, all)).as("the last one in line").isEmpty();
        assertThat(reason(SubscriberStanding.refusal(all.get(waiting + 1), page, all))).isEqualTo(ConditionReason.TooManySubscribers);
        assertThat(SubscriberStanding.refusal(alice, page, all)).isEmpty();
    }

    private static StatusPageSubscriber confirmed(StatusPageSubscriber subscriber) {
        subscriber.setStatus(new dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus());
        subscriber.getStatus().setPhase(dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus.Phase.Confirmed);
        return subscriber;
    }

    private static ConditionReason reason(Optional<Problem> problem) {
        return problem.orElseThrow().reason();
    }
}
