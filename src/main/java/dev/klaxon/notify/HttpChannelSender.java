package dev.klaxon.notify;

import dev.klaxon.common.Text;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack and Teams incoming webhooks, PagerDuty Events API v2 and generic JSON webhooks. Secret
 * values (URLs, keys) are used, never logged or put in error messages: errors name the channel
 * and the HTTP status only.
 */
final class HttpChannelSender {

    static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The whole exchange, connecting and a trickled answer included. */
    static final Duration DEADLINE = TIMEOUT.plusSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private final DestinationPolicy destinations;
    private final DestinationPolicy publicDestinations;

    HttpChannelSender(Clock clock, DestinationPolicy destinations, DestinationPolicy publicDestinations) {
        this.publicDestinations = publicDestinations;
        this.clock = clock;
        this.destinations = destinations;
    }

    /**
     * Prepares the request (reading the channel's Secrets, checking where it goes) and starts it.
     *
     * @param secret reads a key of a Secret in the operator's namespace
     * @return the receiver's answer, or a {@link DeliveryException} (wrapped in a {@link CompletionException})
     * @throws DeliveryException when the request cannot even be made
     */
    CompletableFuture<String> send(NotificationChannel channel, Message message, Function<SecretKeyRef, String> secret)
            throws DeliveryException {
        NotificationChannelSpec spec = channel.getSpec();
        ObjectNode body = JSON.createObjectNode();
        String url;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("User-Agent", "klaxon");
        switch (spec.getType()) {
            case Slack -> {
                url = secret.apply(spec.getUrlSecretRef());
                body.put("text", "*" + message.title() + "*\n" + message.bodyWithLinks(spec.getType()));
                if (Boolean.TRUE.equals(spec.getInteractive()) && !message.links().isEmpty()) {
                    body.set("blocks", SlackButtons.blocks(message, message.links().get(0)));
                }
            }
            case Teams -> {
                url = secret.apply(spec.getUrlSecretRef());
                body.put("@type", "MessageCard").put("@context", "https://schema.org/extensions")
                        .put("summary", message.title()).put("title", message.title())
                        .put("text", message.bodyWithLinks(spec.getType()).replace("\n", "\n\n"));
            }
            case PagerDuty -> {
                if (!message.kind().isAboutIncident()) {
                    throw new DeliveryException(message.kind().subject() + " notices are not paged: PagerDuty channels only hear about incidents", false);
                }
                url = spec.getUrl() != null ? spec.getUrl() : PAGERDUTY_EVENTS_URL;
                body.put("routing_key", secret.apply(spec.getRoutingKeySecretRef()))
                        .put("event_action", pagerDutyAction(message.kind()))
                        .put("dedup_key", message.dedupKey());
                if (message.kind() != NotificationEvent.Kind.Acknowledged && message.kind() != NotificationEvent.Kind.Resolved) {
                    ObjectNode payload = body.putObject("payload");
                    payload.put("summary", Text.cut(message.title(), 1024))
                            .put("source", "klaxon/" + message.facts().get("namespace") + "/" + message.facts().get("name"))
                            .put("severity", pagerDutySeverity(message.severity()));
                    payload.set("custom_details", JSON.valueToTree(Map.of("text", message.body(), "incident", message.facts())));
                }
            }
            case Webhook -> {
                // A channel's URL is a Secret; a status page subscriber's is its own, in plain sight.
                url = spec.getUrlSecretRef() != null ? secret.apply(spec.getUrlSecretRef()) : spec.getUrl();
                body.put("event", message.event()).put("kind", message.kind().template()).put("title", message.title())
                        .put("text", message.body()).put("deliveryId", message.deliveryId()).put("dedupKey", message.dedupKey());
                body.set(message.kind().subject(), JSON.valueToTree(message.facts()));
                if (!message.links().isEmpty()) {
                    body.set("actions", JSON.valueToTree(message.links()));
                }
                request.header("X-Klaxon-Event", message.kind().template()).header("X-Klaxon-Delivery", message.deliveryId());
            }
            default -> throw new DeliveryException("channel type " + spec.getType() + " is not sent over HTTP", false);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new DeliveryException("cannot encode the message: " + e.getMessage(), false);
        }
        if (spec.getType() == NotificationChannelSpec.Type.Webhook && spec.getSigningSecretRef() != null) {
            // The time is signed with the body, so a captured delivery cannot be replayed later.
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.header("X-Klaxon-Timestamp", timestamp)
                    .header("X-Klaxon-Signature", "sha256=" + hmac(secret.apply(spec.getSigningSecretRef()), signed(timestamp, bytes)));
        }
        HttpRequest built;
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            Map<String, String> annotations = channel.getMetadata() == null ? null : channel.getMetadata().getAnnotations();
            DestinationPolicy policy = annotations != null && annotations.containsKey(KlaxonApi.ANNOTATION_PUBLIC_DESTINATION)
                    ? publicDestinations : destinations;
            Optional<String> refused = policy.refusal(uri.getHost(), DestinationPolicy.port(uri));
            if (refused.isPresent()) {
                throw new DeliveryException(refused.get(), false);
            }
            built = request.uri(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        } catch (IllegalArgumentException e) {
            // Never the exception's text: it quotes the URL, which is a secret.
            throw new DeliveryException("the channel's URL is not a usable http(s) URL", false);
        }
        // The body is not needed, and a receiver trickling one must not hold the send past its deadline.
        // Asynchronous: a receiver that never answers holds a connection, not a thread.
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(built, HttpResponse.BodyHandlers.discarding());
        // Past the deadline the exchange is cancelled, so a receiver trickling its answer keeps no connection open.
        return exchange.copy().orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .whenComplete((response, error) -> {
                    if (error != null) {
                        exchange.cancel(true);
                    }
                })
                .handle((response, error) -> {
                    if (error != null) {
                        // Not which error: "refused" and "timed out" would tell a tenant which ports are open where.
                        throw new CompletionException(new DeliveryException("no answer from the receiver", true));
                    }
                    int code = response.statusCode();
                    if (code >= 200 && code < 300) {
                        return "HTTP " + code;
                    }
                    boolean retryable = code >= 500 || code == 408 || code == 429;
                    throw new CompletionException(new DeliveryException("the receiver answered HTTP " + code, retryable));
                });
    }

    /** A reopen triggers the same dedup key again, so PagerDuty reopens its incident too. */
    static String pagerDutyAction(NotificationEvent.Kind kind) {
        return switch (kind) {
            case Acknowledged -> "acknowledge";
            case Resolved -> "resolve";
            case Page, Executives, Reopened, CustomerStarted, CustomerUpdate, CustomerResolved -> "trigger";
            case ActionItemDueSoon, ActionItemOverdue, MaintenanceStarted, MaintenanceEnded, SubscriptionConfirm, SubscriberUpdate ->
                    throw new IllegalArgumentException(kind.subject() + " notices are not paged");
        };
    }

    static String pagerDutySeverity(String severity) {
        return switch (severity) {
            case "SEV1" -> "critical";
            case "SEV2" -> "error";
            case "SEV3" -> "warning";
            default -> "info";
        };
    }

    /** What the signature covers: the X-Klaxon-Timestamp value, a dot, then the body. */
    static byte[] signed(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return signed;
    }

    static String hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
