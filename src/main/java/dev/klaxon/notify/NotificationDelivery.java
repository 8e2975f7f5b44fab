package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeadershipFence;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Sends an incident's due notifications, all at once so that a slow or failing channel does not
 * hold up the others, and records each outcome in the ledger (status.notifications). Secrets are
 * read from the operator's own namespace at send time and never logged.
 */
@ApplicationScoped
public class NotificationDelivery {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);
    /** How long one incident's reconcile waits for a send: HTTP and SMTP have their own, shorter timeouts. */
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final MessageRenderer renderer = new MessageRenderer();
    private final HttpChannelSender http;
    private final EmailSender email;
    private final ChannelRateLimits limits = new ChannelRateLimits();
    private final ChannelSecrets secrets;
    private final LeadershipFence leadership;
    private final ExecutorService senders = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "klaxon-notify");
        thread.setDaemon(true);
        return thread;
    });

    public NotificationDelivery(KubernetesClient client, EventRecorder events, Clock clock, MeterRegistry registry, Vertx vertx,
            LeadershipFence leadership, KlaxonConfig config) {
        DestinationPolicy destinations = new DestinationPolicy(config.notifications().deniedNetworks(), java.net.URI.create(client.getMasterUrl().toString()));
        this.leadership = leadership;
        this.client = client;
        this.events = events;
        this.clock = clock;
        this.http = new HttpChannelSender(clock, destinations);
        this.registry = registry;
        this.email = new EmailSender(vertx, destinations);
        this.secrets = new ChannelSecrets(client);
    }

    private record Attempt(NotificationRecord record, NotificationChannel channel, CompletableFuture<String> outcome) {
    }

    /** Attempts every due notification of the incident; the records are updated in place. */
    public void deliverDue(Incident incident, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels) {
        if (!leadership.isHeld()) {
            return; // a replica that may have lost its Lease pages nobody: the leader does
        }
        Instant now = clock.instant();
        List<Attempt> attempts = new ArrayList<>();
        for (NotificationRecord record : NotificationLedger.due(records, now)) {
            Optional<NotificationChannel> channel = channels.apply(record.getChannel());
            if (channel.isEmpty()) {
                outcome(incident, record, null, now, new DeliveryException("NotificationChannel " + record.getChannel()
                        + " does not exist in this namespace", true));
                continue;
            }
            int perMinute = channel.get().getSpec().getRatePerMinute() == null ? 30 : channel.get().getSpec().getRatePerMinute();
            Optional<Instant> wait = limits.acquire(key(incident, record.getChannel()), perMinute, now);
            if (wait.isPresent()) {
                NotificationLedger.deferred(record, wait.get());
                continue;
            }
            Message message;
            try {
                message = renderer.render(incident, record.getEvent(), record.getAbout(), channel.get());
            } catch (RuntimeException e) {
                // A broken channel template fails this message only, not the incident's reconcile.
                outcome(incident, record, channel.get(), now, new DeliveryException("the channel's template failed: " + e.getMessage(), false));
                continue;
            }
            attempts.add(new Attempt(record, channel.get(), CompletableFuture.supplyAsync(() -> send(channel.get(), message), senders)));
        }
        for (Attempt attempt : attempts) {
            Instant done;
            try {
                String answer = attempt.outcome().get(SEND_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                done = clock.instant();
                NotificationLedger.delivered(attempt.record(), done, answer);
                count(attempt.channel(), "delivered");
                Timer.builder("klaxon.notification.delivery").description("From request to delivery")
                        .tag("type", type(attempt.channel())).register(registry)
                        .record(Duration.between(Instant.parse(attempt.record().getRequestedAt()), done));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                // Only our own messages: a client exception's text may quote the secret URL.
                DeliveryException failure = cause instanceof DeliveryException d ? d
                        : new DeliveryException("unexpected " + cause.getClass().getSimpleName(), true);
                outcome(incident, attempt.record(), attempt.channel(), clock.instant(), failure);
            } catch (TimeoutException e) {
                attempt.outcome().cancel(true);
                outcome(incident, attempt.record(), attempt.channel(), clock.instant(),
                        new DeliveryException("no outcome within " + SEND_DEADLINE.toSeconds() + "s", true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String send(NotificationChannel channel, Message message) {
        String namespace = channel.getMetadata().getNamespace();
        Function<SecretKeyRef, String> secret = ref -> secrets.value(namespace, ref)
                .orElseThrow(() -> new CompletionException(new DeliveryException(secrets.unavailable(namespace, ref), true)));
        Optional<String> misdirected = secrets.misdirected(channel);
        if (misdirected.isPresent()) {
            throw new CompletionException(new DeliveryException(misdirected.get(), false));
        }
        try {
            return switch (channel.getSpec().getType()) {
                case Email -> email.send(channel, message, secret);
                default -> http.send(channel, message, secret);
            };
        } catch (DeliveryException e) {
            throw new CompletionException(e);
        }
    }

    private void outcome(Incident incident, NotificationRecord record, NotificationChannel channel, Instant now, DeliveryException e) {
        boolean last = true;
        if (e.retryable()) {
            last = NotificationLedger.failed(record, now, e.getMessage());
        } else {
            NotificationLedger.abandon(record, now, e.getMessage());
        }
        if (channel != null) {
            count(channel, last ? "failed" : "retrying");
        }
        if (last) {
            String message = "notification " + record.getEvent() + " via " + record.getChannel() + " failed after "
                    + record.getAttempts() + " attempts: " + e.getMessage();
            LOG.warnf("Incident %s/%s: %s", incident.getMetadata().getNamespace(), incident.getMetadata().getName(), message);
            events.record(incident, EventRecorder.Type.Warning, "NotificationFailed", message);
        }
    }

    private void count(NotificationChannel channel, String result) {
        Counter.builder("klaxon.notifications").description("Notification delivery attempts by channel type and result")
                .tag("type", type(channel)).tag("result", result).register(registry).increment();
    }

    private static String type(NotificationChannel channel) {
        return channel.getSpec().getType().name().toLowerCase(Locale.ROOT);
    }

    private static String key(Incident incident, String channel) {
        return incident.getMetadata().getNamespace() + "/" + channel;
    }
}
