package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpPlanTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final List<NotificationRecord> records = new ArrayList<>();
    private final IncidentStatus status = new IncidentStatus();

    private List<String> eventsOf(String channel) {
        return records.stream().filter(r -> r.getChannel().equals(channel)).map(NotificationRecord::getEvent).toList();
    }

    private void deliverAll() {
        records.forEach(r -> NotificationLedger.delivered(r, NOW, "HTTP 200"));
    }

    @Test
    void aCustomersChannelTurnedInternalGetsNoInternalFollowUps() {
        NotificationLedger.request(records, "status", "customer-started", "we know", NOW);
        deliverAll();
        status.setAcknowledgedAt("2026-12-02T10:01:00Z");
        status.setResolvedAt("2026-12-02T10:02:00Z");

        // Its audience is Internal now: the predicate says it is not for customers.
        FollowUpPlan.request(records, status, channel -> false, NOW);

        assertThat(eventsOf("status")).containsExactly("customer-started");
    }

    @Test
    void eachRoundIsToldAfreshAndTheSecondResolutionIsSent() {
        NotificationLedger.request(records, "pager", "escalation-p-0-1", "carol", NOW);
        NotificationLedger.request(records, "status", "customer-started", "we know", NOW);
        deliverAll();
        status.setAcknowledgedAt("2026-12-02T10:01:00Z");
        status.setResolvedAt("2026-12-02T10:02:00Z");
        FollowUpPlan.request(records, status, "status"::equals, NOW);
        assertThat(eventsOf("pager")).containsExactly("escalation-p-0-1", "acknowledged", "resolved");
        assertThat(eventsOf("status")).as("customers hear only public updates").containsExactly("customer-started");
        deliverAll();

        status.setRound(2);
        status.setReopenedAt("2026-12-02T10:05:00Z");
        status.setResolvedAt(null);
        FollowUpPlan.request(records, status, "status"::equals, NOW);
        assertThat(eventsOf("pager")).as("no acknowledgment until the round has one").endsWith("resolved", "reopened@2");
        status.setRoundAcknowledgedAt("2026-12-02T10:06:00Z");
        status.setResolvedAt("2026-12-02T10:09:00Z");
        FollowUpPlan.request(records, status, "status"::equals, NOW);
        FollowUpPlan.request(records, status, "status"::equals, NOW);
        assertThat(eventsOf("pager")).containsExactly("escalation-p-0-1", "acknowledged", "resolved", "reopened@2", "acknowledged@2", "resolved@2");
    }

    @Test
    void aPendingPageOfTheRoundIsDroppedWhenTheRoundIsAcknowledged() {
        status.setRound(2);
        status.setAcknowledgedAt("2026-12-02T09:00:00Z");
        NotificationLedger.request(records, "pager", "escalation-p-0-2@2", "dave", NOW);
        FollowUpPlan.request(records, status, c -> false, NOW);
        assertThat(records.get(0).getOutcome()).as("the first round's acknowledgment does not stop the second").isEqualTo(NotificationRecord.Outcome.Pending);
        status.setRoundAcknowledgedAt("2026-12-02T10:00:00Z");
        FollowUpPlan.request(records, status, c -> false, NOW);
        assertThat(records.get(0).getOutcome()).isEqualTo(NotificationRecord.Outcome.Dropped);
    }
}
