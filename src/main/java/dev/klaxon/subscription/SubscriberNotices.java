package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a subscriber is told: the confirmation request while it is pending; once confirmed, each
 * update of the page's public incidents posted since it was last told (never the history from
 * before it confirmed), oldest first. Customer-only and draft incidents are never told.
 */
final class SubscriberNotices {

    /** A public update, with the incident it belongs to. */
    record Update(PublicIncident incident, PublicUpdate update) {
        /** When the page first showed it (its own time on pages written before that was kept): a backdated update is news too. */
        Instant shown() {
            return Timestamps.parse(update.getShownAt() != null ? update.getShownAt() : update.getTime());
        }
    }

    private SubscriberNotices() {
    }

    /**
     * The confirmation request, once, through whichever channel it went (a page that changed its
     * email channel since asks nobody twice): a request that failed is not made again (the
     * subscriber expires unconfirmed).
     */
    static void requestConfirmation(List<NotificationRecord> records, String channel, Instant now) {
        String key = NotificationEvent.of(NotificationEvent.Kind.SubscriptionConfirm, 1).key();
        if (records.stream().noneMatch(r -> key.equals(r.getEvent()))) {
            NotificationLedger.request(records, channel, key, "confirmation link", now);
        }
    }

    /**
     * Requests a notice of every public update the page showed since {@code status.toldUpTo} (or as new, and
     * not yet requested), and moves toldUpTo to the newest requested. The ledger holds at most
     * {@link StatusPageSubscriberStatus#MAX_NOTIFICATIONS}: past that, the rest wait until earlier ones are out.
     */
    static void requestUpdates(List<NotificationRecord> records, String channel, StatusPageSubscriberStatus status, StatusPage page, Instant now) {
        Instant since = status.getToldUpTo() == null ? now : Timestamps.parse(status.getToldUpTo());
        Instant newest = since;
        for (Update update : updatesSince(page, since)) {
            String key = NotificationEvent.subscriberUpdate(update.update().getId()).key();
            if (records.size() >= StatusPageSubscriberStatus.MAX_NOTIFICATIONS) {
                compact(records, StatusPageSubscriberStatus.MAX_NOTIFICATIONS - 1);
                if (records.size() >= StatusPageSubscriberStatus.MAX_NOTIFICATIONS) {
                    break;
                }
            }
            if (NotificationLedger.find(records, channel, key).isEmpty()) {
                NotificationLedger.request(records, channel, key, update.incident().getTitle(), now);
            }
            newest = update.shown().isAfter(newest) ? update.shown() : newest;
        }
        status.setToldUpTo(Timestamps.formatPrecise(newest));
    }

    /** The public updates the page showed at or after {@code since}, oldest first. */
    static List<Update> updatesSince(StatusPage page, Instant since) {
        List<Update> updates = new ArrayList<>();
        if (page.getStatus() == null || page.getStatus().getIncidents() == null) {
            return updates;
        }
        for (PublicIncident incident : page.getStatus().getIncidents()) {
            if (incident.getVisibility() != null && incident.getVisibility() != Visibility.everyone) {
                continue;
            }
            for (PublicUpdate update : incident.getUpdates() == null ? List.<PublicUpdate>of() : incident.getUpdates()) {
                Update candidate = new Update(incident, update);
                if (update.getTime() != null && update.getId() != null && !candidate.shown().isBefore(since)) {
                    updates.add(candidate);
                }
            }
        }
        updates.sort(Comparator.comparing(Update::shown));
        return updates;
    }

    /** The update a record of the page's tells, if the page still shows it. */
    static Optional<Update> find(StatusPage page, String updateId) {
        if (page.getStatus() == null || page.getStatus().getIncidents() == null) {
            return Optional.empty();
        }
        for (PublicIncident incident : page.getStatus().getIncidents()) {
            for (PublicUpdate update : incident.getUpdates() == null ? List.<PublicUpdate>of() : incident.getUpdates()) {
                if (updateId.equals(update.getId())) {
                    return Optional.of(new Update(incident, update));
                }
            }
        }
        return Optional.empty();
    }

    /** Keeps the newest {@link StatusPageSubscriberStatus#MAX_NOTIFICATIONS} records, never one still owed or on its way. */
    static void compact(List<NotificationRecord> records) {
        compact(records, StatusPageSubscriberStatus.MAX_NOTIFICATIONS);
    }

    private static void compact(List<NotificationRecord> records, int keep) {
        int excess = records.size() - keep;
        for (var it = records.iterator(); it.hasNext() && excess > 0; ) {
            NotificationRecord record = it.next();
            if (record.getOutcome() == NotificationRecord.Outcome.Delivered || record.getOutcome() == NotificationRecord.Outcome.Failed
                    || record.getOutcome() == NotificationRecord.Outcome.Dropped) {
                it.remove();
                excess--;
            }
        }
    }
}
