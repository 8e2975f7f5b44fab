package dev.klaxon.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presses of a page's Slack buttons, as Slack's interactivity sends them: checked with Slack's
 * request signing (an HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the app's signing
 * secret, the timestamp within five minutes), then the button's capability acts as the person
 * the schedules' contacts name for the member who pressed it. Slack shows the channel the
 * incident's "acknowledged" notice as usual; the answer here says what happened, for the logs.
 */
final class SlackActions {

    static final String PATH = "/slack/actions";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<byte[]> signingSecret;
    private final ResponderSite site;
    private final Clock clock;

    SlackActions(Optional<String> signingSecret, ResponderSite site, Clock clock) {
        this.signingSecret = signingSecret.map(s -> s.strip().getBytes(StandardCharsets.UTF_8)).filter(s -> s.length > 0);
        this.site = site;
        this.clock = clock;
    }

    record Answer(int status, String text) {
    }

    Answer handle(Map<String, String> headers, byte[] body) {
        if (signingSecret.isEmpty()) {
            return new Answer(404, "Slack interactivity is not configured on this responder site");
        }
        String timestamp = headers.get("X-Slack-Request-Timestamp");
        String signature = headers.get("X-Slack-Signature");
        if (timestamp == null || signature == null || !fresh(timestamp)) {
            return new Answer(401, "not a fresh, signed Slack request");
        }
        byte[] expected = ("v0=" + hmac(signingSecret.get(), "v0:" + timestamp + ":", body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Answer(401, "the Slack signature does not match");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(ResponderServer.form(body).getOrDefault("payload", ""));
        } catch (IOException e) {
            return new Answer(400, "no interaction payload");
        }
        if (payload == null || !"block_actions".equals(payload.path("type").asText())) {
            return new Answer(200, "ignored: not a button press");
        }
        String member = payload.path("user").path("id").asText("");
        JsonNode action = payload.path("actions").path(0);
        String token = action.path("value").asText("");
        if (member.isEmpty() || token.isEmpty()) {
            return new Answer(200, "ignored: a button without a Klaxon capability");
        }
        return new Answer(200, site.actFromSlack(token, member));
    }

    private boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(clock.instant().getEpochSecond() - seconds) <= WINDOW.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String hmac(byte[] key, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
