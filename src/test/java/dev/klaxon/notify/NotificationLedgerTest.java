package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.NotificationRecord.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final List<NotificationRecord> records = new ArrayList<>();

    @Test
    void aMessageIsRequestedOncePerChannelAndEvent() {
        assertThat(NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW)).isTrue();
        assertThat(NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW.plusSeconds(5))).isFalse();
        assertThat(NotificationLedger.request(records, "pagerduty", "escalation-0-1", "Level 1", NOW)).isTrue();

        assertThat(records).hasSize(2);
        assertThat(NotificationLedger.due(records, NOW)).hasSize(2);
    }

    @Test
    void aDeliveredMessageIsNeverDueAgain() {
        NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.delivered(records.get(0), NOW, "HTTP 200");

        assertThat(NotificationLedger.due(records, NOW.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(records.get(0).getOutcome()).isEqualTo(Outcome.Delivered);
        assertThat(NotificationLedger.nextAttempt(records)).isEmpty();
    }

    @Test
    void aMessageBeingSentIsNotDueAgainAndHoldsBackItsChannelsNextOne() {
        NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.request(records, "slack", "acknowledged", "ack", NOW);
        NotificationLedger.request(records, "webhook", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.sending(records.get(0), NOW);

        assertThat(NotificationLedger.due(records, NOW.plusSeconds(60))).as("slack hears 'acknowledged' only after its page")
                .extracting(NotificationRecord::getChannel).containsExactly("webhook");
        assertThat(NotificationLedger.sending(records)).containsExactly(records.get(0));
        assertThat(NotificationLedger.informed(records)).contains("slack", "webhook");

        NotificationLedger.delivered(records.get(0), NOW.plusSeconds(1), "HTTP 200");
        assertThat(NotificationLedger.due(records, NOW.plusSeconds(1))).extracting(NotificationRecord::getEvent)
                .containsExactly("acknowledged", "escalation-0-1");
        assertThat(records.get(0).getAttempts()).isEqualTo(1);
    }

    @Test
    void aSendThatFailsWaitsForItsBackoffBeforeTheNextAttempt() {
        NotificationLedger.request(records, "webhook", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.sending(records.get(0), NOW);

        assertThat(NotificationLedger.failed(records.get(0), NOW.plusSeconds(2), "the receiver answered HTTP 503")).isFalse();

        assertThat(records.get(0).getOutcome()).as("back to Pending, not sent again at once").isEqualTo(Outcome.Pending);
        assertThat(NotificationLedger.sending(records)).isEmpty();
        assertThat(NotificationLedger.due(records, NOW.plusSeconds(2))).isEmpty();
        assertThat(NotificationLedger.nextAttempt(records)).contains(NOW.plusSeconds(3));
        assertThat(NotificationLedger.due(records, NOW.plusSeconds(3))).hasSize(1);
    }

    @Test
    void failuresAreRetriedWithDoublingBackoffUntilTheAttemptsRunOut() {
        NotificationLedger.request(records, "webhook", "escalation-0-1", "Level 1", NOW);
        NotificationRecord record = records.get(0);

        assertThat(NotificationLedger.failed(record, NOW, "HTTP 500")).isFalse();
        assertThat(record.getNextAttemptAt()).isEqualTo("2026-11-26T10:00:01Z");
        assertThat(NotificationLedger.due(records, NOW)).isEmpty();
        assertThat(NotificationLedger.failed(record, NOW, "HTTP 500")).isFalse();
        assertThat(record.getNextAttemptAt()).isEqualTo("2026-11-26T10:00:02Z");
        assertThat(NotificationLedger.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(NotificationLedger.backoff(30)).isEqualTo(Duration.ofMinutes(5));
        for (int i = 2; i < NotificationLedger.MAX_ATTEMPTS - 1; i++) {
            assertThat(NotificationLedger.failed(record, NOW, "HTTP 500")).isFalse();
        }
        assertThat(NotificationLedger.failed(record, NOW, "HTTP 500")).as("the last attempt").isTrue();
        assertThat(record.getOutcome()).isEqualTo(Outcome.Failed);
        assertThat(record.getAttempts()).isEqualTo(NotificationLedger.MAX_ATTEMPTS);
    }

    @Test
    void channelsThatHeardOfTheIncidentHearHowItEnds() {
        NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.request(records, "broken", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.abandon(records.get(1), NOW, "HTTP 404");

        assertThat(NotificationLedger.informed(records)).containsExactly("slack");
    }

    @Test
    void aChannelHearsItsMessagesInOrder() {
        NotificationLedger.request(records, "pagerduty", "escalation-p-0-1", "Level 1", NOW);
        NotificationLedger.request(records, "slack", "escalation-p-0-1", "Level 1", NOW);
        NotificationLedger.failed(records.get(0), NOW, "HTTP 500");
        NotificationLedger.request(records, "pagerduty", "resolved", "resolved", NOW);

        assertThat(NotificationLedger.due(records, NOW.plusSeconds(5))).extracting(NotificationRecord::getEvent, NotificationRecord::getChannel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("escalation-p-0-1", "pagerduty"),
                        org.assertj.core.groups.Tuple.tuple("escalation-p-0-1", "slack"));
    }

    @Test
    void pagesOvertakenByTheAcknowledgementAreDroppedAndTheirChannelsNotFollowedUp() {
        NotificationLedger.request(records, "pagerduty", "escalation-p-0-1", "Level 1", NOW);
        NotificationLedger.request(records, "slack", "escalation-p-0-1", "Level 1", NOW);
        NotificationLedger.delivered(records.get(1), NOW, "HTTP 200");

        NotificationLedger.dropPendingPages(records, NOW, "acknowledged");

        assertThat(records.get(0).getOutcome()).isEqualTo(Outcome.Dropped);
        assertThat(NotificationLedger.informed(records)).containsExactly("slack");
    }

    @Test
    void aRateLimitedMessageWaitsWithoutLosingAnAttempt() {
        NotificationLedger.request(records, "slack", "escalation-0-1", "Level 1", NOW);
        NotificationLedger.deferred(records.get(0), NOW.plusMillis(30_700));

        assertThat(records.get(0).getAttempts()).isZero();
        assertThat(NotificationLedger.nextAttempt(records)).as("rounded up, never before the slot frees").contains(NOW.plusSeconds(31));
    }

    @Test
    void anIncidentReopenedAThousandTimesKeepsItsLedgerWithinItsBoundAndTheCurrentRoundWhole() throws Exception {
        NotificationLedger.request(records, "status-email", NotificationEvent.customerUpdate(0).key(), "Update", NOW);
        NotificationLedger.delivered(records.get(0), NOW, "250 OK");
        int dropped = 0;
        for (int round = 1; round <= 1000; round++) {
            for (int channel = 0; channel < 20; channel++) {
                String event = NotificationEvent.page("default", 0, 1).inRound(round).key();
                NotificationLedger.request(records, "channel-" + channel, event, "Level 1", NOW);
                if (round < 1000) {
                    NotificationLedger.delivered(NotificationLedger.find(records, "channel-" + channel, event).orElseThrow(), NOW, "HTTP 200");
                }
            }
            dropped += NotificationLedger.compact(records, round, NotificationLedger.MAX_LISTED_BYTES);
        }

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(records).length)
                .isLessThanOrEqualTo(NotificationLedger.MAX_LISTED_BYTES + 1024);
        assertThat(dropped).isGreaterThan(15_000);
        assertThat(records.size() + dropped).isEqualTo(20_001);
        // This round's pages are all there and still due; the customers' notice is never dropped (it would go out again).
        assertThat(NotificationLedger.due(records, NOW)).hasSize(20);
        assertThat(records).anySatisfy(r -> assertThat(r.getChannel()).isEqualTo("status-email"));
    }

    @Test
    void aSmallLedgerIsLeftAlone() {
        NotificationLedger.request(records, "slack", NotificationEvent.page("default", 0, 1).key(), "Level 1", NOW);
        NotificationLedger.delivered(records.get(0), NOW, "HTTP 200");

        assertThat(NotificationLedger.compact(records, 5, NotificationLedger.MAX_LISTED_BYTES)).isZero();
        assertThat(records).hasSize(1);
    }
}
