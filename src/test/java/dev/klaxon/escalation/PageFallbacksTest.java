package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageFallbacksTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    private static EscalationPolicySpec policy(List<String> fallbacks) {
        EscalationTargets targets = new EscalationTargets();
        targets.setChannels(List.of("slack", "email"));
        EscalationLevel level = new EscalationLevel();
        level.setTargets(targets);
        level.setFallbackChannels(fallbacks);
        EscalationPolicySpec spec = new EscalationPolicySpec();
        spec.setLevels(List.of(level));
        return spec;
    }

    private static List<NotificationRecord> paged(NotificationRecord.Outcome slack, NotificationRecord.Outcome email) {
        List<NotificationRecord> records = new ArrayList<>();
        NotificationLedger.request(records, "slack", "escalation-team-0-1", "Level 1 of team: paging alice", List.of("alice@example.com"), NOW);
        NotificationLedger.request(records, "email", "escalation-team-0-1", "Level 1 of team: paging alice", List.of("alice@example.com"), NOW);
        records.get(0).setOutcome(slack);
        records.get(1).setOutcome(email);
        return records;
    }

    @Test
    void aPageOneChannelCouldNotDeliverGoesThroughEachFallbackOnceForTheSamePeople() {
        List<NotificationRecord> records = paged(NotificationRecord.Outcome.Failed, NotificationRecord.Outcome.Delivered);

        PageFallbacks.Result first = PageFallbacks.request(records, "team", policy(List.of("phone", "status-room")), 1, c -> c.equals("status-room"), NOW);
        PageFallbacks.Result again = PageFallbacks.request(records, "team", policy(List.of("phone", "status-room")), 1, c -> c.equals("status-room"), NOW);

        assertThat(first.fellBack()).singleElement().asString().contains("via slack", "goes via phone");
        assertThat(records).filteredOn(r -> r.getChannel().equals("phone")).singleElement().satisfies(r -> {
            assertThat(r.getEvent()).isEqualTo("escalation-team-0-1");
            assertThat(r.getRecipients()).containsExactly("alice@example.com");
            assertThat(r.getOutcome()).isEqualTo(NotificationRecord.Outcome.Pending);
        });
        assertThat(records).as("never a customer channel").noneMatch(r -> r.getChannel().equals("status-room"));
        assertThat(again.fellBack()).as("once: the ledger has it").isEmpty();
        assertThat(first.undelivered()).isEmpty();
    }

    @Test
    void aPageEveryChannelFailedReachedNobody() {
        List<NotificationRecord> records = paged(NotificationRecord.Outcome.Failed, NotificationRecord.Outcome.Failed);

        PageFallbacks.Result result = PageFallbacks.request(records, "team", policy(null), 1, c -> false, NOW);

        assertThat(result.fellBack()).isEmpty();
        assertThat(result.undelivered()).singleElement().asString().contains("reached no channel", "names no fallbackChannels");
    }

    @Test
    void aPolicyWhoseNameStartsLikeAnothersIsAnotherPolicy() {
        List<NotificationRecord> records = new ArrayList<>();
        NotificationLedger.request(records, "slack", "escalation-team-a-0-1", "Level 1 of team-a", List.of("alice@example.com"), NOW);
        records.get(0).setOutcome(NotificationRecord.Outcome.Failed);

        PageFallbacks.Result result = PageFallbacks.request(records, "team", policy(List.of("phone")), 1, c -> false, NOW);

        assertThat(result.fellBack()).isEmpty();
        assertThat(result.undelivered()).isEmpty();
    }

    @Test
    void pagesOfAnotherPolicyOrAnEarlierRoundAreLeftAlone() {
        List<NotificationRecord> records = paged(NotificationRecord.Outcome.Failed, NotificationRecord.Outcome.Failed);

        assertThat(PageFallbacks.request(records, "other", policy(List.of("phone")), 1, c -> false, NOW).fellBack()).isEmpty();
        assertThat(PageFallbacks.request(records, "team", policy(List.of("phone")), 2, c -> false, NOW).undelivered()).isEmpty();
        assertThat(records).hasSize(2);
    }
}
