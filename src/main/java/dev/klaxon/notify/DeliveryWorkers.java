package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.common.LeadershipFence;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Sends off the reconciler's threads. Sends queue fairly per namespace ({@link FairDispatch});
 * a thread of its own starts each (reading Secrets, resolving and checking the destination) and
 * the wait for the answer holds no thread. Each outcome goes into the {@link DeliveryBook} and wakes its owner
 * (the incident or review), whose next reconcile writes it to status.
 */
final class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    /** Histogram buckets of the delivery time (the dashboard's p90): a few, not Micrometer's seventy. */
    private static final Duration[] DELIVERY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)};

    /**
     * One message on its way.
     *
     * @param attempts the attempts before this one, to tell a retry from the last failure in the metrics
     */
    record Send(DeliveryBook.Key key, NotificationChannel channel, Message message, Instant requestedAt, int attempts) {
    }

    /** Starts one send: may block while it reads Secrets and resolves the receiver, then answers without holding a thread. */
    interface Sender {
        /** @throws DeliveryException when the message cannot be sent at all */
        CompletableFuture<String> send(NotificationChannel channel, Message message) throws DeliveryException;
    }

    private final FairDispatch<Send> dispatch;
    private final DeliveryBook book;
    private final Sender senders;
    private final LeadershipFence leadership;
    private final Clock clock;
    private final MeterRegistry registry;
    /**
     * Threads that start sends (read Secrets, resolve the receiver's name, connect): one per send
     * starting, made when there is work and gone when idle. Not a few shared ones: a tenant's
     * receiver whose name never resolves held all eight of those, and every tenant's page waited.
     * {@link FairDispatch} bounds how many sends start at once, and so these threads.
     */
    private final ThreadPoolExecutor starters;
    /** By owner kind: who is woken when a send of that kind's object finishes. */
    private final Map<String, Consumer<ResourceID>> wake = new ConcurrentHashMap<>();

    DeliveryWorkers(FairDispatch.Limits limits, DeliveryBook book, Sender senders, LeadershipFence leadership, Clock clock,
            MeterRegistry registry) {
        this.dispatch = new FairDispatch<>(limits);
        this.starters = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "klaxon-notify");
            thread.setDaemon(true);
            return thread;
        });
        this.book = book;
        this.senders = senders;
        this.leadership = leadership;
        this.clock = clock;
        this.registry = registry;
    }

    void onFinished(String ownerKind, Consumer<ResourceID> wake) {
        this.wake.put(ownerKind, wake);
    }

    /** Whether the owner's lane may queue another send. */
    boolean hasRoom(DeliveryBook.Owner owner) {
        return dispatch.hasRoom(laneOf(owner));
    }

    void submit(Send send) {
        book.handedOut(send.key());
        dispatch.add(laneOf(send.key().owner()), send.key().channel(), send);
        drain();
    }

    /**
     * The queue a send waits in: its namespace's, except a status page's subscribers', which wait
     * in one of their own, served in turn like a namespace: however many people subscribed (and
     * however slowly a stranger's webhook answers), a tenant's pages keep their queue and slots.
     */
    static String laneOf(DeliveryBook.Owner owner) {
        String namespace = owner.id().getNamespace().orElse("");
        return owner.kind().equals(SUBSCRIBERS) ? namespace + "#subscribers" : namespace;
    }

    private static final String SUBSCRIBERS = io.fabric8.kubernetes.api.model.HasMetadata.getKind(
            dev.klaxon.api.v1alpha1.StatusPageSubscriber.class);

    private void drain() {
        for (Optional<FairDispatch.Started<Send>> next = dispatch.next(); next.isPresent(); next = dispatch.next()) {
            FairDispatch.Started<Send> started = next.get();
            starters.execute(() -> start(started));
        }
    }

    private void start(FairDispatch.Started<Send> started) {
        Send send = started.item();
        CompletableFuture<String> answer;
        try {
            if (!leadership.isHeld()) {
                // The leader sends it: the record stays Sending in status, so it resends with the same delivery id.
                throw new DeliveryException("this replica lost its leadership before the send", true);
            }
            answer = senders.send(send.channel(), send.message());
        } catch (DeliveryException e) {
            answer = CompletableFuture.failedFuture(e);
        } catch (RuntimeException | Error e) {
            // Only our own messages: a client exception's text may quote the secret URL. Errors too, or the
            // send would stay in flight (and its record Sending) for good.
            answer = CompletableFuture.failedFuture(new DeliveryException("unexpected " + e.getClass().getSimpleName(), true));
        }
        answer.whenComplete((text, error) -> finished(started, text, error));
    }

    private void finished(FairDispatch.Started<Send> started, String answer, Throwable error) {
        Send send = started.item();
        Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        DeliveryException failure = cause == null ? null : cause instanceof DeliveryException d ? d
                : new DeliveryException("unexpected " + cause.getClass().getSimpleName(), true);
        Instant now = clock.instant();
        try {
            // First the outcome, so nothing below can leave the send in flight for good.
            book.finished(new DeliveryBook.Finished(send.key(), answer, failure, now));
            wake.getOrDefault(send.key().owner().kind(), id -> { }).accept(send.key().owner().id());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recording a notification outcome failed");
        } finally {
            dispatch.done(started, failure == null);
        }
        try {
            count(send, failure == null ? "delivered"
                    : failure.retryable() && send.attempts() + 1 < NotificationLedger.MAX_ATTEMPTS ? "retrying" : "failed");
            if (failure == null) {
                Timer.builder("klaxon.notification.delivery").description("From request to delivery").tag("type", type(send))
                        .serviceLevelObjectives(DELIVERY_BUCKETS).register(registry).record(Duration.between(send.requestedAt(), now));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Counting a notification outcome failed");
        }
        drain();
    }

    private void count(Send send, String result) {
        Counter.builder("klaxon.notifications").description("Notification delivery attempts by channel type and result")
                .tag("type", type(send)).tag("result", result).register(registry).increment();
    }

    private static String type(Send send) {
        return send.channel().getSpec().getType().name().toLowerCase(Locale.ROOT);
    }
}
