package dev.klaxon.respond;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.common.Forms;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResponderServerTest {

    private static DeadlineHttpServer.Request request(String forwardedFor) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (forwardedFor != null) {
            headers.put("X-Forwarded-For", forwardedFor);
        }
        return new DeadlineHttpServer.Request("GET", "/l/x", headers, "10.0.0.7", new byte[0]);
    }

    @Test
    void behindAProxyTheClientIsTheLastAddressItAppendedNotWhatTheClientClaims() {
        Optional<String> header = Optional.of("X-Forwarded-For");

        assertThat(ResponderServer.client(request("1.2.3.4, 203.0.113.9"), header)).isEqualTo("203.0.113.9");
        assertThat(ResponderServer.client(request(null), header)).as("no header: the peer").isEqualTo("10.0.0.7");
        assertThat(ResponderServer.client(request("203.0.113.9"), Optional.empty())).as("no proxy configured: the peer").isEqualTo("10.0.0.7");
    }

    @Test
    void theConfirmationFormIsReadFieldByFieldAndGarbageIsNoField() {
        Map<String, String> form = Forms.fields("capability=a.b%2Bc&capability=second&broken=%zz&=x".getBytes(StandardCharsets.UTF_8));

        assertThat(form).containsEntry("capability", "a.b+c").doesNotContainKey("broken").hasSize(1);
    }
}
