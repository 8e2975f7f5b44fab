package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final ActionLinks ALICE = new ActionLinks("alice_[ops]@example.com", "https://r/l/view", "https://r/l/ack",
            "https://r/l/esc", "https://r/l/res");
    private final Message page = new Message(NotificationEvent.Kind.Page, "escalation-p-0-1", "[SEV2] down", "Checkout is down", "SEV2",
            "klaxon-u", "klaxon-u-escalation-p-0-1-c", Map.of());

    @Test
    void withoutLinksTheBodyIsAsRendered() {
        assertThat(page.bodyWithLinks(NotificationChannelSpec.Type.Slack)).isEqualTo("Checkout is down");
    }

    @Test
    void slackGetsLinksInItsMarkup() {
        String body = page.withLinks(List.of(ALICE)).bodyWithLinks(NotificationChannelSpec.Type.Slack);

        assertThat(body).startsWith("Checkout is down\n\n")
                .contains("<https://r/l/ack|Acknowledge> · <https://r/l/esc|Escalate now> · <https://r/l/res|Resolve> · <https://r/l/view|Incident page>")
                .contains("Opening a link changes nothing");
    }

    @Test
    void teamsGetsMarkdownLinksAndEmailPlainLinesEachLabelled() {
        Message linked = page.withLinks(List.of(ALICE, new ActionLinks("", "https://r/l/v2", "https://r/l/a2", "https://r/l/e2", "https://r/l/r2")));

        assertThat(linked.bodyWithLinks(NotificationChannelSpec.Type.Teams)).contains("[Acknowledge](https://r/l/ack)", "**Anyone reading this:**");
        assertThat(linked.bodyWithLinks(NotificationChannelSpec.Type.Email)).contains("alice_[ops]@example.com:\n  Acknowledge:  https://r/l/ack\n",
                "  Escalate now: https://r/l/esc\n", "  Resolve:      https://r/l/res\n", "  Incident:     https://r/l/view\n",
                "Anyone reading this:\n  Acknowledge:  https://r/l/a2");
    }
}
