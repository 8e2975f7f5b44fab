package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberSpec;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.common.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a page takes a subscriber: the page exists and takes its kind; and, until it is
 * confirmed, nobody on the page has its address already, it is within the page's maxSubscribers,
 * and within the few that may wait for confirmation at once (oldest first). A refused subscriber
 * is sent nothing: a stranger can make the site ask one address to confirm once, however often
 * they ask, and cannot crowd out the confirmed subscribers with made-up addresses.
 */
final class SubscriberStanding {

    private static final Comparator<StatusPageSubscriber> OLDEST_FIRST = Comparator
            .comparing((StatusPageSubscriber s) -> s.getMetadata().getCreationTimestamp() == null ? "" : s.getMetadata().getCreationTimestamp())
            .thenComparing(s -> s.getMetadata().getName());

    private SubscriberStanding() {
    }

    /** Why the page does not take {@code subscriber}, or empty when it does; {@code subscribers}: the page's, this one among them. */
    static Optional<Problem> refusal(StatusPageSubscriber subscriber, Optional<StatusPage> page, List<StatusPageSubscriber> subscribers) {
        StatusPageSubscriberSpec spec = subscriber.getSpec();
        StatusPageSubscriptions subscriptions = page.map(p -> p.getSpec().getSubscriptions()).orElse(null);
        if (subscriptions == null) {
            return Optional.of(new Problem(ConditionReason.SubscriptionsClosed, page.isEmpty()
                    ? "spec.page: StatusPage " + spec.getPage() + " does not exist in this namespace"
                    : "StatusPage " + spec.getPage() + " takes no subscribers (no spec.subscriptions)"));
        }
        if (spec.getEmail() != null && subscriptions.getEmailChannel() == null) {
            return Optional.of(new Problem(ConditionReason.SubscriptionsClosed, "StatusPage " + spec.getPage() + " takes no email subscribers"));
        }
        if (spec.getWebhook() != null && !Boolean.TRUE.equals(subscriptions.getWebhooks())) {
            return Optional.of(new Problem(ConditionReason.SubscriptionsClosed, "StatusPage " + spec.getPage() + " takes no webhook subscribers"));
        }
        if (confirmed(subscriber)) {
            return Optional.empty(); // it stands: the checks below are for newcomers (and cost a look at every sibling)
        }
        String address = addressOf(subscriber);
        // Of those with the same address, one stands: one confirmed or asked already, else the oldest.
        Optional<StatusPageSubscriber> standing = subscribers.stream().filter(s -> addressOf(s).equals(address))
                .min(Comparator.comparing((StatusPageSubscriber s) -> asked(s) ? 0 : 1).thenComparing(OLDEST_FIRST));
        if (standing.isPresent() && !standing.get().getMetadata().getName().equals(subscriber.getMetadata().getName())) {
            return Optional.of(new Problem(ConditionReason.AlreadySubscribed, "StatusPageSubscriber " + standing.get().getMetadata().getName()
                    + " has the same " + (spec.getEmail() != null ? "address" : "URL") + " already"));
        }
        int max = subscriptions.getMaxSubscribers() == null ? 1000 : subscriptions.getMaxSubscribers();
        long confirmed = subscribers.stream().filter(SubscriberStanding::confirmed).count();
        if (confirmed >= max) {
            return Optional.of(new Problem(ConditionReason.TooManySubscribers, "StatusPage " + spec.getPage() + " has its " + max
                    + " subscribers (spec.subscriptions.maxSubscribers)"));
        }
        String name = subscriber.getMetadata().getName();
        long waitingBefore = subscribers.stream().filter(s -> !confirmed(s)).sorted(OLDEST_FIRST)
                .takeWhile(s -> !s.getMetadata().getName().equals(name)).count();
        if (waitingBefore >= maxPending(max)) {
            return Optional.of(new Problem(ConditionReason.TooManySubscribers, "StatusPage " + spec.getPage() + " has "
                    + maxPending(max) + " subscribers waiting for confirmation already"));
        }
        return Optional.empty();
    }

    /** How many may wait for confirmation at once: a tenth of maxSubscribers, at least 20 (unconfirmed ones expire in a day). */
    static int maxPending(int maxSubscribers) {
        return Math.max(20, maxSubscribers / 10);
    }

    private static boolean confirmed(StatusPageSubscriber subscriber) {
        return subscriber.getStatus() != null && subscriber.getStatus().getPhase() == StatusPageSubscriberStatus.Phase.Confirmed;
    }

    /** Whether it was confirmed, or asked to confirm. */
    private static boolean asked(StatusPageSubscriber subscriber) {
        return subscriber.getStatus() != null && (subscriber.getStatus().getPhase() == StatusPageSubscriberStatus.Phase.Confirmed
                || subscriber.getStatus().getNotifications() != null && !subscriber.getStatus().getNotifications().isEmpty());
    }

    /** The address told, as compared: an email's in lower case (nobody is asked twice for Alice@ and alice@). */
    static String addressOf(StatusPageSubscriber subscriber) {
        StatusPageSubscriberSpec spec = subscriber.getSpec();
        return spec.getEmail() != null ? "mailto:" + spec.getEmail().toLowerCase(Locale.ROOT) : String.valueOf(spec.getWebhook());
    }
}
