package dev.klaxon.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.common.Forms;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * the schedules' contacts name for the member who pressed it, if this round's pages were for that
 * person. The presser hears what happened through the interaction's response URL (Slack's own
 * hooks only); the channel hears the incident's "acknowledged" notice as usual.
 */
final class SlackActions {

    static final String PATH = "/slack/actions";
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String SLACK_HOOKS = "https://hooks.slack.com/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<byte[]> signingSecret;
    private final ResponderSite site;
    private final Clock clock;
    private final Replies replies;

    SlackActions(Optional<String> signingSecret, ResponderSite site, Clock clock, Replies replies) {
        this.signingSecret = signingSecret.map(s -> s.strip().getBytes(StandardCharsets.UTF_8)).filter(s -> s.length > 0);
        this.site = site;
        this.clock = clock;
        this.replies = replies;
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
            payload = JSON.readTree(Forms.fields(body).getOrDefault("payload", ""));
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
        String said = site.actFromSlack(token, member);
        // Slack shows nothing of this answer for a button: the presser hears it through the interaction's response URL.
        String responseUrl = payload.path("response_url").asText("");
        if (responseUrl.startsWith(SLACK_HOOKS)) {
            replies.reply(responseUrl, said);
        }
        return new Answer(200, said);
    }

    /** Where an answer to the member who pressed goes: Slack's response URL. */
    @FunctionalInterface
    interface Replies {
        void reply(String responseUrl, String text);
    }

    /**
     * Replies to Slack's response URL, only ever on hooks.slack.com (a payload names the URL, and a
     * forged one must not make the site call elsewhere), off the request's thread, bounded in time.
     */
    static Replies httpReplies() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        return (url, text) -> {
            String body = JSON.createObjectNode().put("response_type", "ephemeral").put("replace_original", false).put("text", text).toString();
            http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        };
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
