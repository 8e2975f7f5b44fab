package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus.Phase;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.DeliveryRound;
import dev.klaxon.notify.NotificationDelivery;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A subscriber's life: asked to confirm (once), confirmed when the site relays its link's token,
 * told each public update of its page since, and deleted when the site relays its unsubscribe
 * token or when nobody confirms it within {@link #PENDING_FOR}.
 */
// Not generation-aware: the site's relay of a followed link is an annotation, which moves no generation.
@ControllerConfiguration(name = "statuspagesubscriber", generationAwareEventProcessing = false, informer = @Informer(itemStore = LeanItemStore.class))
public class StatusPageSubscriberReconciler implements Reconciler<StatusPageSubscriber> {

    /** How long a subscriber may wait for its confirmation before it is deleted. */
    static final Duration PENDING_FOR = Duration.ofDays(1);
    /** The ledger's channel name of a webhook subscriber's notices (it has no NotificationChannel). */
    static final String WEBHOOK = "webhook";
    private static final String PAGES = "subscriber-page";
    /** Refusals a subscriber is deleted for at once, when it was never asked anything. */
    private static final Set<ConditionReason> DROPPED = Set.of(ConditionReason.AlreadySubscribed, ConditionReason.TooManySubscribers);

    private final Clock clock;
    private final ReadyCondition ready;
    private final EventRecorder events;
    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final NotificationDelivery delivery;
    private final SubscriptionLinks links;
    private InformerEventSource<StatusPage, StatusPageSubscriber> pages;
    private InformerEventSource<NotificationChannel, StatusPageSubscriber> channels;

    public StatusPageSubscriberReconciler(Clock clock, ReadyCondition ready, EventRecorder events, KubernetesClient client,
            NotificationDelivery delivery, SubscriptionLinks links) {
        this.clock = clock;
        this.ready = ready;
        this.events = events;
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.delivery = delivery;
        this.links = links;
    }

    @Override
    public List<EventSource<?, StatusPageSubscriber>> prepareEventSources(EventSourceContext<StatusPageSubscriber> context) {
        // A page that changes (a new public update) wakes its subscribers.
        pages = ReferenceWatch.of(context, StatusPage.class, PAGES, s -> s.getSpec() == null ? null : s.getSpec().getPage());
        // Read when an email is sent; a channel that changes wakes nobody.
        channels = new InformerEventSource<>(InformerEventSourceConfiguration.from(NotificationChannel.class, StatusPageSubscriber.class)
                .withName("subscriber-channels")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((NotificationChannel channel) -> Set.of())
                .build(), context);
        SimpleInboundEventSource<StatusPageSubscriber> deliveries = new SimpleInboundEventSource<>("subscriber-deliveries");
        delivery.onFinished(StatusPageSubscriber.class, deliveries::propagateEvent);
        return List.of(pages, channels, deliveries);
    }

    @Override
    public UpdateControl<StatusPageSubscriber> reconcile(StatusPageSubscriber subscriber, Context<StatusPageSubscriber> context) {
        Instant now = clock.instant();
        if (subscriber.getSpec() == null || subscriber.getSpec().getPage() == null) {
            return UpdateControl.noUpdate(); // the schema asks for both; nothing to tell, nowhere
        }
        String before = subscriber.getStatus() == null ? null : json.asJson(subscriber.getStatus());
        StatusPageSubscriberStatus status = subscriber.getStatus() != null ? subscriber.getStatus() : new StatusPageSubscriberStatus();
        subscriber.setStatus(status);
        if (links.followed(subscriber, SubscriptionLinks.Purpose.unsubscribe)) {
            return remove(subscriber, "unsubscribed with its link");
        }
        Instant created = Timestamps.parse(subscriber.getMetadata().getCreationTimestamp());
        if (status.getPhase() != Phase.Confirmed && !now.isBefore(created.plus(PENDING_FOR))) {
            return remove(subscriber, "not confirmed within " + PENDING_FOR.toHours() + " hours");
        }
        String namespace = subscriber.getMetadata().getNamespace();
        Optional<StatusPage> page = pages.get(new ResourceID(subscriber.getSpec().getPage(), namespace));
        List<StatusPageSubscriber> siblings = context.getPrimaryCache().byIndex(PAGES, namespace + "/" + subscriber.getSpec().getPage());
        Optional<Problem> refusal = SubscriberStanding.refusal(subscriber, page, siblings);
        List<NotificationRecord> records = status.getNotifications() == null ? new ArrayList<>() : new ArrayList<>(status.getNotifications());
        if (refusal.isPresent() && records.isEmpty() && status.getPhase() != Phase.Confirmed && DROPPED.contains(refusal.get().reason())) {
            // Never asked, and never will be: kept, a stranger's requests would pile up for a day.
            return remove(subscriber, refusal.get().message());
        }
        String channel = subscriber.getSpec().getEmail() != null
                ? page.map(p -> p.getSpec().getSubscriptions()).map(StatusPageSubscriptions::getEmailChannel).orElse("email") : WEBHOOK;
        if (refusal.isEmpty()) {
            if (status.getPhase() != Phase.Confirmed && links.followed(subscriber, SubscriptionLinks.Purpose.confirm)) {
                status.setPhase(Phase.Confirmed);
                status.setConfirmedAt(Timestamps.format(now));
                // What the page showed before is on the page, not in the inbox (to the millisecond: an update of the same second
                // may have been shown before or after).
                status.setToldUpTo(Timestamps.formatPrecise(now));
                events.record(subscriber, EventRecorder.Type.Normal, EventReason.SubscriptionConfirmed, "confirmed with its link");
            }
            if (status.getPhase() == Phase.Confirmed) {
                SubscriberNotices.requestUpdates(records, channel, status, page.get(), now);
            } else {
                status.setPhase(Phase.Pending);
                SubscriberNotices.requestConfirmation(records, channel, now);
            }
        } else if (status.getPhase() == null) {
            status.setPhase(Phase.Pending);
        }
        SubscriberNotices.compact(records);
        ready.apply(subscriber, status, refusal.stream().toList(), ConditionReason.Subscribed,
                status.getPhase() == Phase.Confirmed ? "confirmed: told every public update" : "waiting for the confirmation link to be followed");
        Optional<Instant> expiry = status.getPhase() == Phase.Confirmed ? Optional.empty() : Optional.of(created.plus(PENDING_FOR));
        return write(subscriber, context, status, before, records, page, expiry, now);
    }

    /** Plans the notices' delivery, writes the status when it changed, sends, and wakes at {@code next} or the next retry. */
    private UpdateControl<StatusPageSubscriber> write(StatusPageSubscriber subscriber, Context<StatusPageSubscriber> context,
            StatusPageSubscriberStatus status, String before, List<NotificationRecord> records, Optional<StatusPage> page, Optional<Instant> next,
            Instant now) {
        SubscriberMessages messages = new SubscriberMessages(subscriber, page, links);
        DeliveryRound deliveries = delivery.plan(subscriber, records, name -> page.flatMap(p -> channelFor(subscriber, p, name)), messages::facts);
        status.setNotifications(records.isEmpty() ? null : records);
        return delivery.writeThenSend(subscriber, context, before, deliveries, records, next, now);
    }

    /**
     * The channel a subscriber's notice goes through: for an email, a copy of the page's email
     * channel addressed to the subscriber alone; for a webhook, a webhook channel to its URL.
     * Either at the page's own rate, in a bucket apart from the namespace's pages.
     */
    private Optional<NotificationChannel> channelFor(StatusPageSubscriber subscriber, StatusPage page, String name) {
        StatusPageSubscriptions subscriptions = page.getSpec().getSubscriptions();
        if (subscriptions == null) {
            return Optional.empty();
        }
        String namespace = subscriber.getMetadata().getNamespace();
        NotificationChannelSpec spec;
        if (subscriber.getSpec().getEmail() != null) {
            Optional<NotificationChannel> mailer = channels.get(new ResourceID(name, namespace))
                    .filter(c -> c.getSpec().getType() == NotificationChannelSpec.Type.Email && c.getSpec().getEmail() != null);
            if (mailer.isEmpty()) {
                return Optional.empty();
            }
            spec = json.clone(mailer.get().getSpec());
            EmailSettings email = spec.getEmail();
            email.setTo(List.of(subscriber.getSpec().getEmail()));
        } else {
            spec = new NotificationChannelSpec();
            spec.setType(NotificationChannelSpec.Type.Webhook);
            spec.setUrl(subscriber.getSpec().getWebhook());
        }
        NotificationChannel channel = new NotificationChannel();
        // Anyone on the internet may name a subscriber's webhook: private networks are refused too (the cluster's among them).
        channel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .addToAnnotations(KlaxonApi.ANNOTATION_PUBLIC_DESTINATION, "true").build());
        spec.setAudience(NotificationChannelSpec.Audience.Customers);
        spec.setRatePerMinute(subscriptions.getRatePerMinute() == null ? 120 : subscriptions.getRatePerMinute());
        channel.setSpec(spec);
        return Optional.of(channel);
    }

    private UpdateControl<StatusPageSubscriber> remove(StatusPageSubscriber subscriber, String why) {
        events.record(subscriber, EventRecorder.Type.Normal, EventReason.SubscriberRemoved, "deleted: " + why);
        client.resource(subscriber).withTimeout(10, java.util.concurrent.TimeUnit.SECONDS).delete();
        return UpdateControl.noUpdate();
    }

    @Override
    public ErrorStatusUpdateControl<StatusPageSubscriber> updateErrorStatus(StatusPageSubscriber subscriber, Context<StatusPageSubscriber> context,
            Exception e) {
        return ready.failed(subscriber, StatusPageSubscriberStatus::new, e);
    }
}
