package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.notify.NotificationEvent.Kind;
import org.junit.jupiter.api.Test;

class NotificationEventTest {

    @Test
    void theFirstRoundKeepsTheKeysKlaxonAlwaysWrote() {
        assertThat(NotificationEvent.page("platform", 0, 2).key()).isEqualTo("escalation-platform-0-2");
        assertThat(NotificationEvent.of(Kind.Resolved, 1).key()).isEqualTo("resolved");
        assertThat(NotificationEvent.customerUpdate(3).key()).isEqualTo("customer-update-3");
        assertThat(NotificationEvent.parse("escalation-platform-1-2")).isEqualTo(NotificationEvent.page("platform", 1, 2));
        assertThat(NotificationEvent.parse("customer-update-3").kind()).isEqualTo(Kind.CustomerUpdate);
        assertThat(NotificationEvent.parse("executives").kind()).isEqualTo(Kind.Executives);
        assertThat(NotificationEvent.parse("customer-resolved").kind()).isEqualTo(Kind.CustomerResolved);
    }

    @Test
    void actionItemNoticesHaveTheirOwnKeysThatReadBack() {
        NotificationEvent overdue = NotificationEvent.actionItem(Kind.ActionItemOverdue, "AI-api-errors-1");
        assertThat(overdue.key()).isEqualTo("action-item-overdue-AI-api-errors-1");
        assertThat(NotificationEvent.parse(overdue.key())).isEqualTo(overdue);
        assertThat(NotificationEvent.parse("action-item-due-soon-AI-db-2")).isEqualTo(NotificationEvent.actionItem(Kind.ActionItemDueSoon, "AI-db-2"));
        assertThat(Kind.ActionItemOverdue.isForCustomers()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotificationEvent.actionItem(Kind.Page, "AI-x-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laterRoundsHaveTheirOwnKeysThatReadBack() {
        for (NotificationEvent event : new NotificationEvent[] {NotificationEvent.page("platform", 0, 1).inRound(2),
                NotificationEvent.of(Kind.Reopened, 3), NotificationEvent.of(Kind.Acknowledged, 2), NotificationEvent.of(Kind.Resolved, 12),
                NotificationEvent.of(Kind.CustomerResolved, 2)}) {
            assertThat(NotificationEvent.parse(event.key())).as(event.key()).isEqualTo(event);
        }
        assertThat(NotificationEvent.of(Kind.Resolved, 2).key()).isEqualTo("resolved@2").isNotEqualTo(NotificationEvent.of(Kind.Resolved, 1).key());
    }

    @Test
    void anUnknownKeyIsReadAsAPage() {
        assertThat(NotificationEvent.parse("something-new@x").kind()).isEqualTo(Kind.Page);
        assertThat(MessageRenderer.kindOf("reopened@2")).isEqualTo(NotificationEvent.Kind.Reopened);
        assertThat(HttpChannelSender.pagerDutyAction(NotificationEvent.Kind.Reopened)).as("PagerDuty reopens its incident too").isEqualTo("trigger");
    }

    @Test
    void aPagesKeyNamesItsPolicyRepeatAndLevelWhateverDashesThePolicyHas() {
        assertThat(NotificationEvent.parse("escalation-db-primary-1-2@3").pageStep())
                .contains(new NotificationEvent.PageStep("db-primary", 1, 2));
        assertThat(NotificationEvent.parse("acknowledged").pageStep()).isEmpty();
        assertThat(NotificationEvent.parse("escalation-broken").pageStep()).isEmpty();
    }
}
