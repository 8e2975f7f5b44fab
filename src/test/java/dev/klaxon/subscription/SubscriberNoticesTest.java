package dev.klaxon.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberNoticesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void aConfirmedSubscriberIsToldWhatWasPostedSinceItWasLastToldOnce() {
        StatusPage page = Subscribers.page(Subscribers.byEmail());
        page.setStatus(new StatusPageStatus());
        page.getStatus().getIncidents().add(incident("inc-1", Visibility.everyone, update("u-old", "2026-12-05T09:00:00Z"),
                update("u-1", "2026-12-05T11:00:00Z"), update("u-2", "2026-12-05T11:30:00Z")));
        page.getStatus().getIncidents().add(incident("inc-2", Visibility.customers_only, update("u-secret", "2026-12-05T11:10:00Z")));
        StatusPageSubscriberStatus status = new StatusPageSubscriberStatus();
        status.setToldUpTo("2026-12-05T10:00:00Z");
        List<NotificationRecord> records = new ArrayList<>();

        SubscriberNotices.requestUpdates(records, "mailer", status, page, NOW);
        assertThat(records).extracting(NotificationRecord::getEvent).containsExactly("subscriber-update-u-1", "subscriber-update-u-2");
        assertThat(status.getToldUpTo()).isEqualTo("2026-12-05T11:30:00Z");

        records.forEach(r -> NotificationLedger.delivered(r, NOW, "ok"));
        SubscriberNotices.requestUpdates(records, "mailer", status, page, NOW);
        assertThat(records).as("nothing twice").hasSize(2);

        // Its author dated it before the last one told; the page shows it only now: news all the same.
        page.getStatus().getIncidents().get(0).getUpdates().add(update("u-late", "2026-12-05T10:30:00Z").shownAt("2026-12-05T11:45:00Z"));
        SubscriberNotices.requestUpdates(records, "mailer", status, page, NOW);
        assertThat(records).extracting(NotificationRecord::getEvent).endsWith("subscriber-update-u-late");
    }

    @Test
    void aBurstWaitsItsTurnRatherThanOutgrowTheLedger() {
        StatusPage page = Subscribers.page(Subscribers.byEmail());
        page.setStatus(new StatusPageStatus());
        PublicUpdate[] updates = new PublicUpdate[StatusPageSubscriberStatus.MAX_NOTIFICATIONS + 5];
        for (int i = 0; i < updates.length; i++) {
            updates[i] = update("u-" + i, Instant.parse("2026-12-05T11:00:00Z").plusSeconds(i).toString());
        }
        page.getStatus().getIncidents().add(incident("inc-1", Visibility.everyone, updates));
        StatusPageSubscriberStatus status = new StatusPageSubscriberStatus();
        status.setToldUpTo("2026-12-05T10:00:00Z");
        List<NotificationRecord> records = new ArrayList<>();

        SubscriberNotices.requestUpdates(records, "mailer", status, page, NOW);
        assertThat(records).hasSize(StatusPageSubscriberStatus.MAX_NOTIFICATIONS);
        assertThat(status.getToldUpTo()).as("the rest are still ahead").isEqualTo(updates[StatusPageSubscriberStatus.MAX_NOTIFICATIONS - 1].getTime());

        records.forEach(r -> NotificationLedger.delivered(r, NOW, "ok"));
        SubscriberNotices.requestUpdates(records, "mailer", status, page, NOW);
        assertThat(records.stream().filter(r -> r.getOutcome() == NotificationRecord.Outcome.Pending))
                .extracting(NotificationRecord::getEvent).containsExactly("subscriber-update-u-20", "subscriber-update-u-21",
                        "subscriber-update-u-22", "subscriber-update-u-23", "subscriber-update-u-24");
    }

    @Test
    void compactingKeepsTheNewestAndNeverWhatIsOwed() {
        List<NotificationRecord> records = new ArrayList<>();
        NotificationLedger.request(records, "mailer", "subscriber-update-owed", "x", NOW);
        for (int i = 0; i < StatusPageSubscriberStatus.MAX_NOTIFICATIONS + 5; i++) {
            NotificationLedger.request(records, "mailer", "subscriber-update-" + i, "x", NOW);
            NotificationLedger.delivered(records.get(records.size() - 1), NOW, "ok");
        }
        SubscriberNotices.compact(records);
        assertThat(records).hasSize(StatusPageSubscriberStatus.MAX_NOTIFICATIONS);
        assertThat(records.get(0).getEvent()).isEqualTo("subscriber-update-owed");
        assertThat(records.get(records.size() - 1).getEvent()).isEqualTo("subscriber-update-24");
    }

    private static PublicIncident incident(String id, Visibility visibility, PublicUpdate... updates) {
        PublicIncident incident = new PublicIncident();
        incident.setId(id);
        incident.setTitle("Elevated API errors");
        incident.setVisibility(visibility);
        incident.setUpdates(new ArrayList<>(List.of(updates)));
        return incident;
    }

    private static PublicUpdate update(String id, String time) {
        return new PublicUpdate(id, PublicIncidentStatus.investigating, "looking", "Klaxon", time).shownAt(time);
    }
}
