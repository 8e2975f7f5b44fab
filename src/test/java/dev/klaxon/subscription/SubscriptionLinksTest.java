package dev.klaxon.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.common.OperatorKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class SubscriptionLinksTest {

    private final SubscriptionLinks links = new SubscriptionLinks(new OperatorKey("a key of thirty-two bytes or so!".getBytes(StandardCharsets.UTF_8)));

    @Test
    void theTokenOfItsOwnLinkConfirmsASubscriber() {
        StatusPageSubscriber alice = Subscribers.email("acme-status-x1", "alice@example.com", "2026-12-05T10:00:00Z");
        String url = links.url("https://status.example.com/", alice, SubscriptionLinks.Purpose.confirm);
        assertThat(url).startsWith("https://status.example.com/subscriptions/confirm/acme-status-x1/").matches(".*/[0-9a-f]{64}$");
        assertThat(links.followed(alice, SubscriptionLinks.Purpose.confirm)).as("nothing followed yet").isFalse();

        follow(alice, KlaxonApi.ANNOTATION_CONFIRM, url);
        assertThat(links.followed(alice, SubscriptionLinks.Purpose.confirm)).isTrue();
        assertThat(links.followed(alice, SubscriptionLinks.Purpose.unsubscribe)).as("a confirmation is no unsubscription").isFalse();
    }

    @Test
    void aTokenConfirmsNobodyElseAndNothingElse() {
        StatusPageSubscriber alice = Subscribers.email("acme-status-x1", "alice@example.com", "2026-12-05T10:00:00Z");
        StatusPageSubscriber bob = Subscribers.email("acme-status-x2", "bob@example.com", "2026-12-05T10:00:00Z");
        follow(bob, KlaxonApi.ANNOTATION_CONFIRM, links.url("https://s", alice, SubscriptionLinks.Purpose.confirm));
        assertThat(links.followed(bob, SubscriptionLinks.Purpose.confirm)).as("alice's token on bob").isFalse();

        follow(bob, KlaxonApi.ANNOTATION_UNSUBSCRIBE, links.url("https://s", bob, SubscriptionLinks.Purpose.confirm));
        assertThat(links.followed(bob, SubscriptionLinks.Purpose.unsubscribe)).as("a confirm token as an unsubscribe one").isFalse();

        // The same name again, a new object: the old links do not work for it.
        StatusPageSubscriber again = Subscribers.email("acme-status-x1", "alice@example.com", "2026-12-06T10:00:00Z");
        again.getMetadata().setUid("another-uid");
        follow(again, KlaxonApi.ANNOTATION_CONFIRM, links.url("https://s", alice, SubscriptionLinks.Purpose.confirm));
        assertThat(links.followed(again, SubscriptionLinks.Purpose.confirm)).isFalse();

        follow(again, KlaxonApi.ANNOTATION_CONFIRM, "0".repeat(64));
        assertThat(links.followed(again, SubscriptionLinks.Purpose.confirm)).isFalse();
    }

    private static void follow(StatusPageSubscriber subscriber, String annotation, String url) {
        if (subscriber.getMetadata().getAnnotations() == null) {
            subscriber.getMetadata().setAnnotations(new HashMap<>());
        }
        subscriber.getMetadata().getAnnotations().put(annotation, url.substring(url.lastIndexOf('/') + 1));
    }
}
