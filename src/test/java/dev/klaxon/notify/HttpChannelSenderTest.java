package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpChannelSenderTest {

    @Test
    void pagerDutyHearsTriggerAcknowledgeAndResolve() {
        assertThat(HttpChannelSender.pagerDutyAction("alert")).isEqualTo("trigger");
        assertThat(HttpChannelSender.pagerDutyAction("executives")).isEqualTo("trigger");
        assertThat(HttpChannelSender.pagerDutyAction("acknowledged")).isEqualTo("acknowledge");
        assertThat(HttpChannelSender.pagerDutyAction("resolved")).isEqualTo("resolve");
        assertThat(HttpChannelSender.pagerDutySeverity("SEV1")).isEqualTo("critical");
        assertThat(HttpChannelSender.pagerDutySeverity("SEV4")).isEqualTo("info");
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2.
        assertThat(HttpChannelSender.hmac("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
