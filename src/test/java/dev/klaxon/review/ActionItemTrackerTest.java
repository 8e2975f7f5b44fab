package dev.klaxon.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ActionItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionItemTrackerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void pendingItemsComeByPriorityThenDueDateAndPerOwner() {
        List<ActionItem> items = new ArrayList<>(ReviewTestData.review().getSpec().getActionItems());
        items.add(ReviewTestData.item("AI-x-9", "Earlier P1", "alice@example.com", ActionItem.Priority.P1, "2026-12-07T09:00:00Z",
                ActionItem.Category.process));
        ActionItem done = ReviewTestData.item("AI-x-10", "Done P0", "bob@example.com", ActionItem.Priority.P0, "2026-12-01T09:00:00Z",
                ActionItem.Category.process);
        done.setStatus(ActionItem.Status.completed);
        items.add(done);

        assertThat(ActionItemTracker.pending(items, Optional.empty())).extracting(ActionItem::getId)
                .containsExactly("AI-api-errors-1", "AI-x-9", "AI-api-errors-2", "AI-api-errors-3");
        assertThat(ActionItemTracker.pending(items, Optional.of("alice@example.com"))).extracting(ActionItem::getId)
                .containsExactly("AI-x-9", "AI-api-errors-2");
    }

    @Test
    void overdueIsOpenOrInProgressPastTheDueDateAndTheReminderComesTwoDaysBefore() {
        ActionItem canary = ReviewTestData.review().getSpec().getActionItems().get(0); // due 2026-12-05T17:00Z
        assertThat(ActionItemTracker.isOverdue(canary, NOW)).isTrue();
        canary.setStatus(ActionItem.Status.in_progress);
        assertThat(ActionItemTracker.isOverdue(canary, NOW)).isTrue();
        canary.setStatus(ActionItem.Status.deferred);
        assertThat(ActionItemTracker.isOverdue(canary, NOW)).isFalse();

        ActionItem alert = ReviewTestData.review().getSpec().getActionItems().get(1); // due 2026-12-12T17:00Z
        assertThat(ActionItemTracker.isDueSoon(alert, NOW)).isFalse();
        assertThat(ActionItemTracker.isDueSoon(alert, Instant.parse("2026-12-10T18:00:00Z"))).isTrue();
        assertThat(ActionItemTracker.isOverdue(alert, Instant.parse("2026-12-12T17:00:01Z"))).isTrue();
        assertThat(ActionItemTracker.nextChange(List.of(alert), NOW)).hasValue(Instant.parse("2026-12-10T17:00:00Z"));
        assertThat(ActionItemTracker.nextChange(List.of(alert), Instant.parse("2026-12-11T00:00:00Z")))
                .hasValue(Instant.parse("2026-12-12T17:00:00Z"));
    }
}
