package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one home of "final": an object that can no longer change gets the label
 * {@link KlaxonApi#LABEL_FINAL}, and every informer of a kind that can become final selects
 * {@link KlaxonApi#NOT_FINAL}. The operator's memory, start-up and per-tick work therefore follow
 * open work, however much history the cluster keeps; final objects stay readable with kubectl.
 *
 * <p>Reconcilers decide whether their object is finished (a Closed incident, a finished run, a
 * done review, an ended window) and call {@link #settle}: the label is set once the object has
 * been finished for the grace period (see {@link FinalGrace}), so the readers of its last state
 * have seen it before it leaves their caches.
 */
@Singleton
public class OpenWork {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OpenWork.class);

    /** The kinds that become final, whose informers (primary or secondary) select {@link KlaxonApi#NOT_FINAL}. */
    private static final Set<Class<?>> FINALIZABLE = Set.of(Incident.class, PlaybookRun.class, PostIncidentReview.class,
            MaintenanceWindow.class);

    private final KubernetesClient client;
    private final FinalGrace grace;
    private final FinalRecords records;
    private final Clock clock;

    @jakarta.inject.Inject
    public OpenWork(KubernetesClient client, Clock clock, KlaxonConfig config, FinalRecords records) {
        this.client = client;
        this.grace = new FinalGrace(clock, config.openWork().finalGrace());
        this.records = records;
        this.clock = clock;
    }

    /** Keeping no record of final objects (tests of a reconciler alone). */
    public OpenWork(KubernetesClient client, Clock clock, KlaxonConfig config) {
        this(client, clock, config, FinalRecords.NONE);
    }

    /** The label selector an informer of {@code kind} uses: only open work, or everything for kinds that never become final. */
    public static Optional<String> selectorFor(Class<?> kind) {
        return FINALIZABLE.contains(kind) ? Optional.of(KlaxonApi.NOT_FINAL) : Optional.empty();
    }

    public static boolean isFinal(HasMetadata object) {
        var labels = object.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(KlaxonApi.LABEL_FINAL));
    }

    /**
     * Called with whether {@code object} is finished. Marks it final once it has been finished for
     * the grace period; until then answers when to look again.
     */
    public Optional<Duration> settle(HasMetadata object, boolean finished) {
        return settle(object, finished, () -> { });
    }

    /**
     * As {@link #settle(HasMetadata, boolean)}; {@code withoutGrace} for an object nobody read
     * unfinished (a record brought in already closed): no reader waits for its last state, and a
     * burst of such records must not fill the caches for the grace.
     */
    public Optional<Duration> settle(HasMetadata object, boolean finished, boolean withoutGrace) {
        if (withoutGrace && finished) {
            grace.startedLongAgo(object.getMetadata().getUid());
        }
        return settle(object, finished);
    }

    /** As {@link #settle(HasMetadata, boolean)}, doing {@code before} first (marking what the object owns final). */
    public Optional<Duration> settle(HasMetadata object, boolean finished, Runnable before) {
        String uid = object.getMetadata().getUid();
        FinalGrace.Decision decision = grace.decide(uid, finished && !isFinal(object));
        if (decision.markNow()) {
            before.run();
            if (!markFinal(object)) {
                // Changed since it was read (often this reconcile's own status write): again in a second, the grace served.
                return Optional.of(Duration.ofSeconds(1));
            }
            try {
                records.finalized(object);
            } catch (RuntimeException e) {
                // Its record waits for retention, which archives before it deletes: the object is final all the same.
                LOG.warnf("%s %s/%s is final, but its record could not be queued for the archive: %s", object.getKind(),
                        object.getMetadata().getNamespace(), object.getMetadata().getName(), e.toString());
            }
            grace.forget(uid);
        }
        return decision.lookAgainIn();
    }

    /**
     * Sets the label on the object as it was read: one changed meanwhile is a conflict and stays
     * open (its next reconcile decides again), one already gone is left alone.
     */
    private boolean markFinal(HasMetadata object) {
        try {
            client.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization()
                    .asJson(Map.of("metadata", Map.of("labels", Map.of(KlaxonApi.LABEL_FINAL, "true"),
                            "annotations", Map.of(KlaxonApi.ANNOTATION_FINAL_AT, Timestamps.format(clock.instant())),
                            "resourceVersion", object.getMetadata().getResourceVersion()))));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
            return e.getCode() == 404;
        }
    }
}
