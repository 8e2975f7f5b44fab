package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.api.v1alpha1.ReviewPhase;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.OpenWork;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.ReferenceWatch;
import dev.klaxon.common.StatusPatch;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.DeliveryRound;
import dev.klaxon.notify.InternalChannels;
import dev.klaxon.notify.NotificationDelivery;
import dev.klaxon.notify.NotificationLedger;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a post-incident review: prefills it from its incident (until it is completed), renders
 * its Markdown document into a ConfigMap it owns, and tracks its action items (overdue ones in
 * status, with one Warning Event each and a message to the review's channels; a reminder, the
 * same way, before the due date).
 */
@ControllerConfiguration(name = "postincidentreview", informer = @Informer(itemStore = LeanItemStore.class, labelSelector = KlaxonApi.NOT_FINAL))
public class PostIncidentReviewReconciler implements Reconciler<PostIncidentReview> {

    static final String INCIDENT = "review-incident";
    static final String DOCUMENT_KEY = "review.md";

    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final Clock clock;
    private final ReadyCondition ready;
    private final EventRecorder events;
    private final ActionItemMetrics metrics;
    private final NotificationDelivery delivery;
    private InformerEventSource<NotificationChannel, PostIncidentReview> channels;
    /** A digest of what this process last wrote into each review's document (by review uid), so an unchanged document is not written again. */
    private final Map<String, String> written = new ConcurrentHashMap<>();

    private final OpenWork openWork;

    private final OperatorKey key;

    public PostIncidentReviewReconciler(KubernetesClient client, Clock clock, ReadyCondition ready, EventRecorder events,
            ActionItemMetrics metrics, NotificationDelivery delivery, OpenWork openWork, OperatorKey key) {
        this.openWork = openWork;
        this.key = key;
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.clock = clock;
        this.ready = ready;
        this.events = events;
        this.metrics = metrics;
        this.delivery = delivery;
    }

    @Override
    public List<EventSource<?, PostIncidentReview>> prepareEventSources(EventSourceContext<PostIncidentReview> context) {
        metrics.watch(context.getPrimaryCache());
        // Read when an item's notice is sent; a channel that changes wakes no review.
        channels = new InformerEventSource<>(InformerEventSourceConfiguration.from(NotificationChannel.class, PostIncidentReview.class)
                .withName("review-channels")
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper((NotificationChannel channel) -> Set.of())
                .build(), context);
        // A send that finished wakes its review, which records the outcome.
        SimpleInboundEventSource<PostIncidentReview> deliveries = new SimpleInboundEventSource<>("review-deliveries");
        delivery.onFinished(PostIncidentReview.class, deliveries::propagateEvent);
        return List.of(ReferenceWatch.of(context, Incident.class, INCIDENT, r -> r.getSpec().getIncidentRef(),
                PostIncidentReviewReconciler::whatAReviewReads), channels, deliveries);
    }

    /** The annotations a review reads: the budget notes of an objective's incident, and what proves the operator wrote them. */
    private static final Set<String> ANNOTATIONS_READ = Set.of(KlaxonApi.ANNOTATION_PROOF, KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK,
            KlaxonApi.ANNOTATION_SLO_WINDOW, KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN, KlaxonApi.ANNOTATION_SLO_BUDGET_AT_RESOLVE);

    /**
     * Of an incident, a review reads its spec, times, SLA record, timeline and budget notes: the rest
     * (notifications, alerts, runs, other annotations) is dropped.
     */
    static Incident whatAReviewReads(Incident incident) {
        if (incident.getStatus() != null) {
            incident.getStatus().setNotifications(null);
            incident.getStatus().setSharedAlerts(null);
            incident.getStatus().setSharedAlertCounts(null);
            incident.getStatus().setPlaybookRuns(null);
            incident.getStatus().setEscalation(null);
            incident.getStatus().setSuggestedPlaybooks(null);
            incident.getStatus().setConditions(null);
        }
        Map<String, String> annotations = incident.getMetadata().getAnnotations();
        incident.getMetadata().setAnnotations(annotations == null ? null : annotations.entrySet().stream()
                .filter(e -> ANNOTATIONS_READ.contains(e.getKey())).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        return incident;
    }

    @Override
    public UpdateControl<PostIncidentReview> reconcile(PostIncidentReview review, Context<PostIncidentReview> context) {
        String before = review.getStatus() == null ? null : json.asJson(review.getStatus());
        PostIncidentReviewStatus status = review.getStatus() != null ? review.getStatus() : new PostIncidentReviewStatus();
        review.setStatus(status);
        Instant now = clock.instant();
        if (status.getDate() == null) {
            status.setDate(review.getMetadata().getCreationTimestamp() != null ? review.getMetadata().getCreationTimestamp()
                    : Timestamps.format(now));
        }
        List<Problem> problems = new ArrayList<>();
        boolean frozen = review.getSpec().getPhase() == ReviewPhase.completed || review.getSpec().getPhase() == ReviewPhase.published;
        Optional<Incident> incident = context.getSecondaryResource(Incident.class, INCIDENT).or(() -> finalIncident(review));
        if (incident.isPresent() && (!frozen || status.getTitle() == null)) {
            ReviewPrefill.fill(status, review.getSpec(), incident.get(), IncidentProof.isSlos(key, incident.get()));
        } else if (incident.isEmpty() && status.getTitle() == null) {
            problems.add(new Problem(ConditionReason.IncidentNotFound, "incident " + review.getSpec().getIncidentRef() + " not found in namespace "
                    + review.getMetadata().getNamespace() + ": nothing to prefill the review from"));
        }
        status.setFollowsIncident(incident.isPresent() && !frozen);
        if (review.getSpec().getPhase() == ReviewPhase.published && status.getPublishedAt() == null) {
            status.setPublishedAt(Timestamps.format(now));
        }
        problems.addAll(track(review, status, now));
        review.setStatus(status);
        List<NotificationRecord> records = status.getNotifications() == null ? List.of() : status.getNotifications();
        DeliveryRound deliveries = delivery.plan(review, records, name -> channels.get(new ResourceID(name, review.getMetadata().getNamespace())));
        writeDocument(review).ifPresentOrElse(problems::add, () -> status.setDocument(documentName(review)));
        ready.apply(review, status, problems, ConditionReason.Prefilled, review.getSpec().getActionItems().size() + " action items, "
                + status.getOverdueActionItems() + " overdue");
        UpdateControl<PostIncidentReview> update = json.asJson(status).equals(before) ? UpdateControl.noUpdate()
                : StatusPatch.applyAndCache(review, context);
        // Only now, with Sending recorded, do the messages go out: a failed write above sends nothing.
        delivery.commit(review, deliveries);
        Optional<Instant> retryAt = NotificationLedger.nextAttempt(records);
        // Done with (completed or published, every item finished, every notice out): it becomes final after the grace.
        boolean done = frozen && review.getSpec().getActionItems().stream().noneMatch(i -> i.getStatus().isPending())
                && NotificationLedger.settled(records);
        Optional<Duration> settle = openWork.settle(review, done, () -> written.remove(review.getMetadata().getUid()));
        Stream.concat(Stream.concat(ActionItemTracker.nextChange(review.getSpec().getActionItems(), now).stream(), retryAt.stream()),
                        settle.map(now::plus).stream())
                .min(Comparator.naturalOrder())
                .ifPresent(next -> update.rescheduleAfter(max(Duration.ofSeconds(1), Duration.between(now, next).plusMillis(5))));
        return update;
    }

    /**
     * The review's incident when it is not cached: final incidents leave the caches (OpenWork), while
     * their reviews are often written after they closed. One read from the API server per reconcile of such a review.
     */
    private Optional<Incident> finalIncident(PostIncidentReview review) {
        return Optional.ofNullable(client.resources(Incident.class).inNamespace(review.getMetadata().getNamespace())
                        .withName(review.getSpec().getIncidentRef()).get())
                .filter(OpenWork::isFinal).map(PostIncidentReviewReconciler::whatAReviewReads);
    }

    /** Overdue and due-soon items: one Event each, and a message to each usable channel of the review. */
    private List<Problem> track(PostIncidentReview review, PostIncidentReviewStatus status, Instant now) {
        String namespace = review.getMetadata().getNamespace();
        List<String> usable = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String name : review.getSpec().getChannels() == null ? List.<String>of() : review.getSpec().getChannels()) {
            Optional<NotificationChannel> channel = channels.get(new ResourceID(name, namespace));
            Optional<String> notInternal = channel.flatMap(InternalChannels::whyNot);
            if (notInternal.isPresent()) {
                problems.add(new Problem(ConditionReason.ChannelNotForReviews, "spec.channels: " + name + " is " + notInternal.get()
                        + "; action items are told only to internal chat, webhook or email channels"));
            } else {
                usable.add(name); // a missing channel is recorded as a failed delivery, and the record says why
            }
        }
        for (ActionItemFollowUp.Notice notice : ActionItemFollowUp.follow(review.getSpec().getActionItems(), usable, status, now)) {
            events.record(review, notice.isWarning() ? EventRecorder.Type.Warning : EventRecorder.Type.Normal, notice.reason(), notice.message());
        }
        return problems;
    }

    /**
     * The Markdown document in a ConfigMap the review owns (deleted with it); written only when it
     * changed. A ConfigMap of that name that this review does not control is left alone (a review
     * must not take over, and later have collected, someone else's ConfigMap).
     */
    private Optional<Problem> writeDocument(PostIncidentReview review) {
        String name = documentName(review);
        String document = ReviewDocument.render(review);
        String uid = review.getMetadata().getUid();
        String digest = Integer.toHexString(document.hashCode()) + ":" + document.length();
        if (!digest.equals(written.get(uid))) {
            ConfigMap existing = client.configMaps().inNamespace(review.getMetadata().getNamespace()).withName(name).get();
            if (existing != null && (existing.getMetadata().getOwnerReferences() == null || existing.getMetadata().getOwnerReferences().stream()
                    .noneMatch(o -> uid.equals(o.getUid()) && Boolean.TRUE.equals(o.getController())))) {
                return Optional.of(new Problem(ConditionReason.DocumentNameTaken, "ConfigMap " + name + " exists and is not this review's: the document "
                        + "is not written (kubectl klaxon review prints it); rename or delete that ConfigMap"));
            }
            client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(review.getMetadata().getNamespace())
                            .addToLabels("app.kubernetes.io/managed-by", "klaxon").addToLabels("klaxon.dev/review", review.getMetadata().getName())
                            .addNewOwnerReference().withApiVersion(review.getApiVersion()).withKind(review.getKind())
                            .withName(review.getMetadata().getName()).withUid(uid).withController(true).withBlockOwnerDeletion(false)
                            .endOwnerReference().endMetadata()
                            .addToData(DOCUMENT_KEY, document).build())
                    .fieldManager("postincidentreview").serverSideApply();
            written.put(uid, digest);
        }
        return Optional.empty();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String documentName(PostIncidentReview review) {
        return KubernetesNames.fit(review.getMetadata().getName() + "-document", 253);
    }

    @Override
    public ErrorStatusUpdateControl<PostIncidentReview> updateErrorStatus(PostIncidentReview review, Context<PostIncidentReview> context,
            Exception e) {
        return ready.failed(review, PostIncidentReviewStatus::new, e);
    }
}
