package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.common.OperatorKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * A subscriber's confirmation and unsubscribe links. Each carries a token only the operator can
 * make (its key's HMAC of the purpose and the subscriber's UID), so the status site, which may
 * write the token it was given onto the subscriber, cannot confirm or remove anyone by itself,
 * and neither can anyone who guesses a subscriber's name.
 */
@ApplicationScoped
public class SubscriptionLinks {

    /** What a link does; its name is the path segment on the site. */
    public enum Purpose {
        confirm(KlaxonApi.ANNOTATION_CONFIRM), unsubscribe(KlaxonApi.ANNOTATION_UNSUBSCRIBE);

        private final String annotation;

        Purpose(String annotation) {
            this.annotation = annotation;
        }
    }

    private final OperatorKey key;

    public SubscriptionLinks(OperatorKey key) {
        this.key = key;
    }

    /** The link that does {@code purpose} for {@code subscriber}, on the site at {@code siteUrl}. */
    String url(String siteUrl, StatusPageSubscriber subscriber, Purpose purpose) {
        return siteUrl.replaceAll("/+$", "") + "/subscriptions/" + purpose.name() + "/" + subscriber.getMetadata().getName()
                + "/" + key.sign(signed(subscriber, purpose));
    }

    /** Whether the site wrote the token of {@code purpose}'s link onto the subscriber: someone followed it. */
    boolean followed(StatusPageSubscriber subscriber, Purpose purpose) {
        Map<String, String> annotations = subscriber.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(purpose.annotation))
                .map(token -> key.verify(signed(subscriber, purpose), token.strip())).orElse(false);
    }

    private static String signed(StatusPageSubscriber subscriber, Purpose purpose) {
        return "status-page-subscriber|" + purpose.name() + "|" + subscriber.getMetadata().getNamespace() + "|" + subscriber.getMetadata().getUid();
    }
}
