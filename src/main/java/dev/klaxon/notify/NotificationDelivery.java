package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeadershipFence;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The notifications of an incident (or of a review's action items), off the reconciler's threads.
 * A reconcile {@link #plan plans}: it
 * records the outcomes that came back, marks the due records {@code Sending} and renders them;
 * once the status holding that is written, {@link #commit} hands the sends to the
 * {@link DeliveryWorkers}, whose outcomes wake the incident (or review) again. So a status write that fails
 * sends nothing twice, and a crash repeats at most the messages that were on their way, with the
 * same delivery id. Secrets are read in the operator's own namespace at send time and never logged.
 */
@ApplicationScoped
public class NotificationDelivery {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);
    /** How long a namespace whose queue is full waits before its record is tried again. */
    private static final Duration QUEUE_FULL_WAIT = Duration.ofSeconds(5);

    private final EventRecorder events;
    private final Clock clock;
    private final MessageRenderer renderer = new MessageRenderer();
    private final ChannelRateLimits limits = new ChannelRateLimits();
    private final LeadershipFence leadership;
    private final DeliveryBook book = new DeliveryBook();
    private final DeliveryWorkers workers;
    private final PageLinkMinter links;
    private final KubernetesSerialization json;

    public NotificationDelivery(KubernetesClient client, EventRecorder events, Clock clock, MeterRegistry registry, Vertx vertx,
            LeadershipFence leadership, KlaxonConfig config, PageLinkMinter links) {
        this.events = events;
        this.json = client.getKubernetesSerialization();
        this.links = links;
        this.clock = clock;
        this.leadership = leadership;
        java.util.List<String> publicDenied = new ArrayList<>(config.notifications().deniedNetworks());
        publicDenied.addAll(config.notifications().publicDeniedNetworks());
        ChannelSenders senders = new ChannelSenders(client, clock, vertx,
                ChannelSenders.destinations(client, config.notifications().deniedNetworks()), ChannelSenders.destinations(client, publicDenied));
        this.workers = new DeliveryWorkers(FairDispatch.Limits.DEFAULT, book, senders, leadership, clock, registry);
    }

    /** Called with the object of {@code kind} whose send finished, to reconcile it and record the outcome. */
    public void onFinished(Class<? extends HasMetadata> kind, Consumer<ResourceID> wake) {
        workers.onFinished(HasMetadata.getKind(kind), wake);
    }

    /** How a record of an owner's ledger becomes the message for a channel. */
    @FunctionalInterface
    private interface Composer {
        Message compose(NotificationRecord record, NotificationChannel channel);
    }

    /**
     * Records the outcomes that came back and marks every due record {@code Sending} (the records
     * are changed in place); nothing is sent before {@link #commit}.
     */
    public DeliveryRound plan(Incident incident, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels) {
        return plan(incident, records, channels, (record, channel) -> renderer.render(incident, record.getEvent(), record.getAbout(), channel)
                .withLinks(links.forPage(incident, record, channel.getSpec())));
    }

    /** {@link #plan(Incident, List, Function)} for a review's action items: each record's {@code about} is the item's id. */
    public DeliveryRound plan(PostIncidentReview review, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels) {
        return plan(review, records, channels, (record, channel) -> {
            // Checked at every send, not only when requested: a channel that became a pager or customer one since hears nothing.
            if (!InternalChannels.isInternal(channel)) {
                throw new IllegalStateException("channel " + channel.getMetadata().getName() + " is " + InternalChannels.whyNot(channel).get() + " now");
            }
            ActionItem item = review.getSpec().getActionItems().stream().filter(i -> i.getId().equals(record.getAbout())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("action item " + record.getAbout() + " is no longer in the review"));
            return renderer.render(review, item, NotificationEvent.parse(record.getEvent()), channel);
        });
    }

    /** {@link #plan(Incident, List, Function)} for a maintenance window's notices: internal channels only, as for reviews. */
    public DeliveryRound plan(MaintenanceWindow window, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels) {
        return plan(window, records, channels, (record, channel) -> {
            if (!InternalChannels.isInternal(channel)) {
                throw new IllegalStateException("channel " + channel.getMetadata().getName() + " is " + InternalChannels.whyNot(channel).get() + ": maintenance "
                        + "is told to internal channels (customers see it on the status page)");
            }
            return renderer.render(window, NotificationEvent.parse(record.getEvent()), record.getAbout(), channel);
        });
    }

    /**
     * {@link #plan(Incident, List, Function)} for a status page subscriber: {@code channels} gives the channel each record is
     * sent through (made for this subscriber), {@code facts} what the record's notice says.
     */
    public DeliveryRound plan(StatusPageSubscriber subscriber, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels,
            Function<NotificationRecord, Map<String, Object>> facts) {
        return plan(subscriber, records, channels, (record, channel) ->
                renderer.render(subscriber, NotificationEvent.parse(record.getEvent()), facts.apply(record), channel));
    }

    private DeliveryRound plan(HasMetadata owner, List<NotificationRecord> records, Function<String, Optional<NotificationChannel>> channels,
            Composer composer) {
        if (!leadership.isHeld()) {
            return DeliveryRound.NONE; // a replica that may have lost its Lease pages nobody: the leader does
        }
        DeliveryBook.Owner id = ownerOf(owner);
        Instant now = clock.instant();
        DeliveryBook.View view = book.of(id);
        List<String> failures = new ArrayList<>();
        String uid = owner.getMetadata().getUid();
        for (DeliveryBook.Finished outcome : view.finished()) {
            if (!java.util.Objects.equals(outcome.key().uid(), uid)) {
                continue; // an earlier incident of this name: forgotten with this round
            }
            NotificationLedger.find(records, outcome.key().channel(), outcome.key().event())
                    .filter(r -> r.getOutcome() == NotificationRecord.Outcome.Sending)
                    .ifPresent(record -> record(record, outcome.answer(), outcome.failure(), outcome.at(), failures));
        }
        List<DeliveryWorkers.Send> sends = new ArrayList<>();
        for (NotificationRecord record : NotificationLedger.sending(records)) {
            if (!view.inFlight().contains(key(id, uid, record))) {
                // Marked Sending but not on its way here: the operator restarted, or this replica just became
                // the leader. Sent again with the same delivery id, which receivers de-duplicate.
                prepare(owner, record, channels, composer, failures).ifPresent(sends::add);
            }
        }
        String namespace = owner.getMetadata().getNamespace();
        for (NotificationRecord record : NotificationLedger.due(records, now)) {
            if (!workers.hasRoom(id)) {
                NotificationLedger.deferred(record, now.plus(QUEUE_FULL_WAIT));
                continue;
            }
            Optional<NotificationChannel> channel = channels.apply(record.getChannel());
            int perMinute = channel.map(c -> c.getSpec().getRatePerMinute()).orElse(30);
            // Reviews' notices count against a bucket of their own: a backlog of action items never delays a page.
            String bucket = namespace + "/" + record.getChannel() + (owner instanceof Incident ? "" : "#" + owner.getKind());
            Optional<Instant> wait = channel.isEmpty() ? Optional.empty() : limits.acquire(bucket, perMinute, now);
            if (wait.isPresent()) {
                NotificationLedger.deferred(record, wait.get());
                continue;
            }
            Optional<DeliveryWorkers.Send> send = prepare(owner, record, channels, composer, failures);
            if (send.isPresent()) {
                NotificationLedger.sending(record, now);
                sends.add(send.get());
            }
        }
        return new DeliveryRound(sends, view.finished(), failures);
    }

    /**
     * Writes the owner's status when it changed since {@code before} (it holds the round's Sending
     * records), then sends: a failed write sends nothing. Wakes the owner at {@code next} or at the
     * ledger's next attempt, whichever comes first.
     */
    public <S, P extends CustomResource<?, S>> UpdateControl<P> writeThenSend(P owner, Context<P> context, String before, DeliveryRound round,
            List<NotificationRecord> records, Optional<Instant> next, Instant now) {
        UpdateControl<P> update = json.asJson(owner.getStatus()).equals(before) ? UpdateControl.noUpdate() : StatusPatch.applyAndCache(owner, context);
        commit(owner, round);
        Optional<Instant> retry = NotificationLedger.nextAttempt(records).map(at -> at.isBefore(now.plusSeconds(1)) ? now.plusSeconds(1) : at);
        java.util.stream.Stream.concat(next.stream(), retry.stream()).min(Instant::compareTo)
                .ifPresent(at -> update.rescheduleAfter(Duration.between(now, at).plusMillis(500)));
        return update;
    }

    /** The status holding the round is written: forget the recorded outcomes, report failures, send. */
    public void commit(HasMetadata owner, DeliveryRound round) {
        book.recorded(ownerOf(owner), round.recorded);
        for (String failure : round.failures) {
            LOG.warnf("%s %s/%s: %s", owner.getKind(), owner.getMetadata().getNamespace(), owner.getMetadata().getName(), failure);
            events.record(owner, EventRecorder.Type.Warning, EventReason.NotificationFailed, failure);
        }
        round.sends.forEach(workers::submit);
    }

    /** The message for the record, or empty when it cannot be sent at all (the record is Failed then). */
    private Optional<DeliveryWorkers.Send> prepare(HasMetadata owner, NotificationRecord record,
            Function<String, Optional<NotificationChannel>> channels, Composer composer, List<String> failures) {
        Instant now = clock.instant();
        Optional<NotificationChannel> channel = channels.apply(record.getChannel());
        if (channel.isEmpty()) {
            record(record, null, new DeliveryException("NotificationChannel " + record.getChannel() + " does not exist in this namespace", false),
                    now, failures);
            return Optional.empty();
        }
        Message message;
        try {
            message = composer.compose(record, channel.get());
        } catch (RuntimeException e) {
            // A broken built-in template fails this message only, not the incident's reconcile.
            record(record, null, new DeliveryException("the message could not be rendered: " + e.getMessage(), false), now, failures);
            return Optional.empty();
        }
        return Optional.of(new DeliveryWorkers.Send(key(ownerOf(owner), owner.getMetadata().getUid(), record),
                channel.get(), message,
                Timestamps.parse(record.getRequestedAt()), record.getAttempts() == null ? 0 : record.getAttempts()));
    }

    private static void record(NotificationRecord record, String answer, DeliveryException failure, Instant at, List<String> failures) {
        if (failure == null) {
            NotificationLedger.delivered(record, at, answer);
            return;
        }
        boolean last = true;
        if (failure.retryable()) {
            last = NotificationLedger.failed(record, at, failure.getMessage());
        } else {
            NotificationLedger.abandon(record, at, failure.getMessage());
        }
        if (last) {
            failures.add("notification " + record.getEvent() + " via " + record.getChannel() + " failed after " + record.getAttempts()
                    + " attempts: " + failure.getMessage());
        }
    }

    private static DeliveryBook.Key key(DeliveryBook.Owner owner, String uid, NotificationRecord record) {
        return new DeliveryBook.Key(owner, uid, record.getChannel(), record.getEvent());
    }

    private static DeliveryBook.Owner ownerOf(HasMetadata owner) {
        return new DeliveryBook.Owner(owner.getKind(), ResourceID.fromResource(owner));
    }
}
