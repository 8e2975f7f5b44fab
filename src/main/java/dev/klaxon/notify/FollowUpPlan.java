package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the internal channels that were told about an incident hear next: that it was
 * acknowledged, reopened, resolved. Each round of a reopened incident is told afresh (its own
 * ledger keys), so the second resolution is sent although the first one was. Pages still pending
 * when the round is acknowledged or resolved are dropped. Plain, with the time passed in.
 */
public final class FollowUpPlan {

    private FollowUpPlan() {
    }

    /** @param forCustomers channels that hear only what people post publicly, never these follow-ups */
    public static void request(List<NotificationRecord> records, IncidentStatus status, Predicate<String> forCustomers, Instant now) {
        int round = NotificationEvent.roundOf(status);
        String acknowledgedAt = round > 1 ? status.getRoundAcknowledgedAt() : status.getAcknowledgedAt();
        if (status.getResolvedAt() != null || acknowledgedAt != null) {
            NotificationLedger.dropPendingPages(records, now, status.getResolvedAt() != null ? "resolved" : "acknowledged");
        }
        for (String channel : NotificationLedger.informed(records)) {
            if (forCustomers.test(channel)) {
                continue;
            }
            if (round > 1) {
                NotificationLedger.request(records, channel, NotificationEvent.of(NotificationEvent.Kind.Reopened, round).key(),
                        "reopened at " + status.getReopenedAt() + " (round " + round + ")", now);
            }
            if (acknowledgedAt != null) {
                NotificationLedger.request(records, channel, NotificationEvent.of(NotificationEvent.Kind.Acknowledged, round).key(),
                        "acknowledged at " + acknowledgedAt, now);
            }
            if (status.getResolvedAt() != null) {
                NotificationLedger.request(records, channel, NotificationEvent.of(NotificationEvent.Kind.Resolved, round).key(),
                        "resolved at " + status.getResolvedAt(), now);
            }
        }
    }
}
