package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Starts the send of one message through its channel: reads the channel's shared Secrets, refuses
 * a credential bound for somewhere its Secret does not allow, and hands the message to HTTP or
 * SMTP. The wait for the receiver's answer holds no thread.
 */
final class ChannelSenders implements DeliveryWorkers.Sender {

    private final ChannelSecrets secrets;
    private final HttpChannelSender http;
    private final EmailSender email;

    /** @param publicDestinations where a channel anyone may name ({@link KlaxonApi#ANNOTATION_PUBLIC_DESTINATION}) may send */
    ChannelSenders(KubernetesClient client, Clock clock, Vertx vertx, DestinationPolicy destinations, DestinationPolicy publicDestinations) {
        this.secrets = new ChannelSecrets(client);
        this.http = new HttpChannelSender(clock, destinations, publicDestinations);
        this.email = new EmailSender(vertx, destinations);
    }

    static DestinationPolicy destinations(KubernetesClient client, java.util.List<String> deniedNetworks) {
        return new DestinationPolicy(deniedNetworks, URI.create(client.getMasterUrl().toString()));
    }

    /** @throws DeliveryException when the message cannot be sent at all (no Secret, a refused destination) */
    @Override
    public CompletableFuture<String> send(NotificationChannel channel, Message message) throws DeliveryException {
        String namespace = channel.getMetadata().getNamespace();
        Optional<String> misdirected = secrets.misdirected(channel);
        if (misdirected.isPresent()) {
            throw new DeliveryException(misdirected.get(), false);
        }
        try {
            Function<SecretKeyRef, String> secret = ref -> secrets.value(namespace, ref)
                    .orElseThrow(() -> new SecretUnavailable(secrets.unavailable(namespace, ref)));
            return switch (channel.getSpec().getType()) {
                case Email -> email.send(channel, message, secret);
                default -> http.send(channel, message, secret);
            };
        } catch (SecretUnavailable e) {
            throw new DeliveryException(e.getMessage(), true);
        }
    }

    /** A Secret read inside the senders' functions; retried, an administrator may be sharing it right now. */
    private static final class SecretUnavailable extends RuntimeException {
        SecretUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
