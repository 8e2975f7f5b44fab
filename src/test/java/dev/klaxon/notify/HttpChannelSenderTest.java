package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpChannelSenderTest {

    @Test
    void pagerDutyHearsTriggerAcknowledgeAndResolve() {
        assertThat(HttpChannelSender.pagerDutyAction(NotificationEvent.Kind.Page)).isEqualTo("trigger");
        assertThat(HttpChannelSender.pagerDutyAction(NotificationEvent.Kind.Executives)).isEqualTo("trigger");
        assertThat(HttpChannelSender.pagerDutyAction(NotificationEvent.Kind.Acknowledged)).isEqualTo("acknowledge");
        assertThat(HttpChannelSender.pagerDutyAction(NotificationEvent.Kind.Resolved)).isEqualTo("resolve");
        assertThat(HttpChannelSender.pagerDutySeverity("SEV1")).isEqualTo("critical");
        assertThat(HttpChannelSender.pagerDutySeverity("SEV4")).isEqualTo("info");
    }

    @Test
    void theSignatureCoversTheTimestampThenTheBody() {
        byte[] body = "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(HttpChannelSender.signed("1764669600", body), StandardCharsets.UTF_8)).isEqualTo("1764669600.{\"event\":\"x\"}");
        assertThat(HttpChannelSender.hmac("k", HttpChannelSender.signed("1764669600", body)))
                .isNotEqualTo(HttpChannelSender.hmac("k", HttpChannelSender.signed("1764669601", body)));
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2.
        assertThat(HttpChannelSender.hmac("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
