package dev.klaxon.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.notify.NotificationEvent.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionItemFollowUpTest {

    /** Due 2026-12-05T17:00Z (P0) and 2026-12-12T17:00Z (P1), among others. */
    private final List<ActionItem> items = ReviewTestData.review().getSpec().getActionItems();

    @Test
    void anItemThatBecomesOverdueIsToldOnceToEveryChannelAndOnlyOnce() {
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();
        Instant overdue = Instant.parse("2026-12-05T17:00:01Z");

        List<ActionItemFollowUp.Notice> notices = ActionItemFollowUp.follow(items, List.of("slack", "hook"), status, overdue);

        assertThat(notices).filteredOn(n -> n.kind() == Kind.ActionItemOverdue).extracting(n -> n.item().getId())
                .containsExactly("AI-api-errors-1");
        assertThat(status.getOverdue()).containsExactly("AI-api-errors-1");
        assertThat(status.getNotifications()).filteredOn(r -> r.getAbout().equals("AI-api-errors-1"))
                .extracting(NotificationRecord::getChannel, NotificationRecord::getEvent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slack", "action-item-overdue-AI-api-errors-1"),
                        org.assertj.core.groups.Tuple.tuple("hook", "action-item-overdue-AI-api-errors-1"));
        int records = status.getNotifications().size();

        assertThat(ActionItemFollowUp.follow(items, List.of("slack", "hook"), status, overdue.plusSeconds(3600)))
                .as("a later reconcile says nothing again").isEmpty();
        assertThat(status.getNotifications()).hasSize(records);
    }

    @Test
    void theReminderComesBeforeTheDueDateAndTheOverdueNoticeStillFollows() {
        ActionItem alert = items.get(1); // due 2026-12-12T17:00Z
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();

        assertThat(ActionItemFollowUp.follow(List.of(alert), List.of("slack"), status, Instant.parse("2026-12-09T00:00:00Z"))).isEmpty();
        assertThat(ActionItemFollowUp.follow(List.of(alert), List.of("slack"), status, Instant.parse("2026-12-11T00:00:00Z")))
                .singleElement().satisfies(n -> {
                    assertThat(n.kind()).isEqualTo(Kind.ActionItemDueSoon);
                    assertThat(n.isWarning()).isFalse();
                    assertThat(n.message()).contains("AI-api-errors-2", "is due 2026-12-12T17:00:00Z");
                });
        assertThat(ActionItemFollowUp.follow(List.of(alert), List.of("slack"), status, Instant.parse("2026-12-12T18:00:00Z")))
                .singleElement().satisfies(n -> assertThat(n.reason()).isEqualTo(EventReason.ActionItemOverdue));
        assertThat(status.getNotifications()).extracting(NotificationRecord::getEvent)
                .containsExactly("action-item-due-soon-AI-api-errors-2", "action-item-overdue-AI-api-errors-2");
    }

    @Test
    void aReviewWithoutChannelsStillWarnsAndADoneItemLeavesTheRecords() {
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();
        Instant overdue = Instant.parse("2026-12-05T17:00:01Z");
        assertThat(ActionItemFollowUp.follow(items, List.of(), status, overdue)).isNotEmpty();
        assertThat(status.getNotifications()).isNull();

        PostIncidentReviewStatus told = new PostIncidentReviewStatus();
        ActionItemFollowUp.follow(items, List.of("slack"), told, overdue);
        assertThat(told.getNotifications()).isNotEmpty();
        items.forEach(i -> i.setStatus(ActionItem.Status.completed));
        ActionItemFollowUp.follow(items, List.of("slack"), told, overdue);
        assertThat(told.getNotifications()).as("bounded by what is still to do").isNull();
        assertThat(told.getOverdueWarned()).as("but never told again").contains("AI-api-errors-1");
        assertThat(told.getOpenActionItems()).isZero();
    }
}
