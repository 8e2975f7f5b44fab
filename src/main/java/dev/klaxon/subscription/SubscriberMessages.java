package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.notify.Message;
import dev.klaxon.notify.NotificationEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a subscriber's notices say (the facts the built-in wording and a webhook's JSON are made of), read off its page. */
final class SubscriberMessages {

    private final StatusPageSubscriber subscriber;
    private final Optional<StatusPage> page;
    private final SubscriptionLinks links;

    SubscriberMessages(StatusPageSubscriber subscriber, Optional<StatusPage> page, SubscriptionLinks links) {
        this.subscriber = subscriber;
        this.page = page;
        this.links = links;
    }

    /** The facts of a record's notice; fails (the record is Failed) when the page no longer shows its update. */
    Map<String, Object> facts(NotificationRecord record) {
        StatusPage shown = page.orElseThrow(() -> new IllegalStateException("the page is gone"));
        String site = shown.getSpec().getSubscriptions().getUrl().replaceAll("/+$", "");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("page", shown.getSpec().getTitle());
        facts.put("pageUrl", site);
        facts.put("address", subscriber.getSpec().getEmail() != null ? subscriber.getSpec().getEmail() : subscriber.getSpec().getWebhook());
        NotificationEvent event = NotificationEvent.parse(record.getEvent());
        if (event.kind() == NotificationEvent.Kind.SubscriptionConfirm) {
            facts.put("confirm", links.url(site, subscriber, SubscriptionLinks.Purpose.confirm));
            return facts;
        }
        SubscriberNotices.Update update = SubscriberNotices.find(shown, event.detail())
                .orElseThrow(() -> new IllegalStateException("the page no longer shows update " + event.detail()));
        if (update.incident().getVisibility() != null && update.incident().getVisibility() != Visibility.everyone) {
            // Made customers-only or a draft since it was requested: the public hear nothing more of it.
            throw new IllegalStateException("the incident is no longer public");
        }
        facts.put("incident", update.incident().getTitle());
        facts.put("incidentId", update.incident().getId());
        facts.put("incidentUrl", site + "/incidents/" + update.incident().getId());
        facts.put("status", String.valueOf(update.update().getStatus()));
        facts.put("message", update.update().getMessage());
        facts.put("time", update.update().getTime());
        facts.put("impact", update.incident().getImpact() == null ? "-" : update.incident().getImpact());
        facts.put("components", update.incident().getComponents() == null || update.incident().getComponents().isEmpty() ? "-"
                : String.join(", ", update.incident().getComponents()));
        facts.put(Message.UNSUBSCRIBE, links.url(site, subscriber, SubscriptionLinks.Purpose.unsubscribe));
        return facts;
    }
}
