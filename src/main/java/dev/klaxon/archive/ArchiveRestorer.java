package dev.klaxon.archive;

import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.LeaderElection;
import dev.klaxon.common.Timestamps;
import dev.klaxon.common.WatchedObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings an archived incident back for a review, read-only: {@code kubectl klaxon restore}
 * creates the Incident with the archived spec, labelled {@link KlaxonApi#LABEL_RESTORE_OF} with
 * the archived UID (no reconciler selects such an object: nothing pages, no timer runs); the
 * leader reads that row, writes its status (the timeline, the times, the SLA) and marks the copy
 * final. The status is the operator's, so it comes from the archive, never from the one who
 * asks; only an incident archived in the same namespace is restored there, and only into a copy
 * without a record of its own. The informer selects only copies waiting to be restored; the
 * database is read on a thread of its own.
 */
@ApplicationScoped
public class ArchiveRestorer {

    private static final Logger LOG = Logger.getLogger(ArchiveRestorer.class);
    private static final long RESYNC_MILLIS = 30_000;
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES = new com.fasterxml.jackson.databind.ObjectMapper();

    private final KubernetesClient client;
    private final ArchiveStore store;
    private final LeaderElection leadership;
    private final EventRecorder events;
    private final Clock clock;
    private final WatchedObjects<Incident> waiting;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "klaxon-archive-restore");
        t.setDaemon(true);
        return t;
    });

    public ArchiveRestorer(KubernetesClient client, ArchiveStore store, LeaderElection leadership, EventRecorder events, Clock clock,
            @ConfigProperty(name = "quarkus.operator-sdk.namespaces") String watchedNamespaces) {
        this.client = client;
        this.store = store;
        this.leadership = leadership;
        this.events = events;
        this.clock = clock;
        this.waiting = new WatchedObjects<>(client, Incident.class, watchedNamespaces, KlaxonApi.LABEL_RESTORE_OF, RESYNC_MILLIS);
    }

    void start(@Observes StartupEvent event) {
        waiting.onAddOrUpdate(this::enqueue);
        waiting.start();
    }

    /** One restore per copy at a time; a replica that does not lead leaves it (the resync brings it back to the leader). */
    private void enqueue(Incident copy) {
        String key = copy.getMetadata().getNamespace() + "/" + copy.getMetadata().getName();
        if (leadership.isLeading() && queued.add(key)) {
            thread.execute(() -> {
                try {
                    if (leadership.isLeading()) {
                        restore(copy.getMetadata().getNamespace(), copy.getMetadata().getName());
                    }
                } catch (SQLException e) {
                    LOG.warnf("restore of %s waits: the archive is unreachable or failing (%s)", key, ArchiveWriter.describe(e));
                } catch (KubernetesClientException e) {
                    LOG.warnf("restore of %s failed, trying again at the next resync: %s", key, e.getMessage());
                } finally {
                    queued.remove(key);
                }
            });
        }
    }

    /**
     * Three writes, each safe to repeat: the archived spec with the operator's note that this is a
     * copy ({@link KlaxonApi#ANNOTATION_RESTORED_FROM}: from then on reports leave it out), the
     * archived status, then final. A restore cut short between them resumes from the note.
     */
    void restore(String namespace, String name) throws SQLException {
        Incident copy = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        String uid = copy == null || copy.getMetadata().getLabels() == null ? null : copy.getMetadata().getLabels().get(KlaxonApi.LABEL_RESTORE_OF);
        if (uid == null) {
            return; // gone, or done meanwhile
        }
        String noted = copy.getMetadata().getAnnotations() == null ? null : copy.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_RESTORED_FROM);
        if (noted == null && copy.getStatus() != null) {
            // Not a copy kubectl klaxon restore made (those have no status): an incident someone labelled. Handed back untouched.
            refuse(copy, false, "Only a copy kubectl klaxon restore creates is restored; this incident has a record of its own and stays as it is.");
            return;
        }
        if (!store.enabled()) {
            refuse(copy, true, "The operator has no archive (archive.enabled is off): nothing can be restored.");
            return;
        }
        Optional<ArchiveStore.Archived> archived = store.read(uid);
        if (archived.isEmpty() || !archived.get().kind().equals(HasMetadata.getKind(Incident.class)) || !archived.get().namespace().equals(namespace)
                || noted != null && !noted.equals(uid)) {
            refuse(copy, true, "The archive holds no incident with UID " + uid + " of this namespace.");
            return;
        }
        Incident record = client.getKubernetesSerialization().unmarshal(archived.get().json(), Incident.class);
        if (!tree(copy.getSpec().getSource()).equals(tree(record.getSpec().getSource()))) {
            refuse(copy, true, "The copy's spec.source is not the archived incident's: only its own alert's source is restored.");
            return;
        }
        try {
            if (noted == null) {
                copy = noteCopy(copy, record, uid);
            }
            copy.setStatus(record.getStatus());
            copy = client.resource(copy).updateStatus(); // on the copy as it was read: a change meanwhile is a conflict, retried
            patch(copy, Map.of("metadata", Map.of("resourceVersion", copy.getMetadata().getResourceVersion(), "labels", finalLabels(),
                    "annotations", Map.of(KlaxonApi.ANNOTATION_FINAL_AT, Timestamps.format(clock.instant())))));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 429 || e.getCode() >= 500) {
                throw e;
            }
            Incident now = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
            if (now != null) {
                refuse(now, true, "The API server refused the archived record (" + e.getCode() + "): " + e.getMessage());
            }
            return;
        }
        events.record(copy, EventRecorder.Type.Normal, EventReason.Restored, "Restored read-only from the archive: incident "
                + archived.get().name() + " (UID " + uid + "), as it was when it was archived.");
    }

    /** The archived spec, whole (a JSON Patch replaces it: nothing of the copy's own stays), and the note, on the copy as it was read. */
    private Incident noteCopy(Incident copy, Incident record, String uid) {
        var json = client.getKubernetesSerialization();
        List<Map<String, Object>> operations = new ArrayList<>();
        // The resourceVersion as a precondition: a copy changed meanwhile is a conflict (409), tried again.
        operations.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", copy.getMetadata().getResourceVersion()));
        operations.add(Map.of("op", "replace", "path", "/spec", "value", record.getSpec()));
        // The client reads an object without annotations as an empty map: the whole map is added then.
        operations.add(copy.getMetadata().getAnnotations() == null || copy.getMetadata().getAnnotations().isEmpty()
                ? Map.of("op", "add", "path", "/metadata/annotations", "value", Map.of(KlaxonApi.ANNOTATION_RESTORED_FROM, uid))
                : Map.of("op", "add", "path", "/metadata/annotations/" + KlaxonApi.ANNOTATION_RESTORED_FROM.replace("/", "~1"), "value", uid));
        return client.resource(copy).patch(PatchContext.of(PatchType.JSON), json.asJson(operations));
    }

    /**
     * Says why not, and takes the restore label off; a copy ({@code markFinal}) is marked final, so it
     * never reaches a reconciler as a new incident (retention deletes it in time).
     */
    private void refuse(Incident copy, boolean markFinal, String why) {
        Map<String, Object> labels = markFinal ? finalLabels() : new HashMap<>();
        labels.put(KlaxonApi.LABEL_RESTORE_OF, null); // a JSON merge patch removes a label given as null
        Map<String, Object> metadata = new HashMap<>(Map.of("resourceVersion", copy.getMetadata().getResourceVersion()));
        if (markFinal) {
            metadata.put("annotations", Map.of(KlaxonApi.ANNOTATION_RESTORE_REFUSED, copy.getMetadata().getLabels().get(KlaxonApi.LABEL_RESTORE_OF),
                    KlaxonApi.ANNOTATION_FINAL_AT, Timestamps.format(clock.instant())));
        }
        metadata.put("labels", labels);
        patch(copy, Map.of("metadata", metadata));
        LOG.infof("restore into %s/%s refused: %s", copy.getMetadata().getNamespace(), copy.getMetadata().getName(), why);
        events.record(copy, EventRecorder.Type.Warning, EventReason.RestoreRefused, why);
    }

    /** Final, and no longer waiting: a JSON merge patch removes a label given as null. */
    private static Map<String, Object> finalLabels() {
        Map<String, Object> labels = new HashMap<>();
        labels.put(KlaxonApi.LABEL_RESTORE_OF, null);
        labels.put(KlaxonApi.LABEL_FINAL, "true");
        return labels;
    }

    /** As JSON, key order aside (the archive's jsonb keeps its own order). */
    private com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        try {
            return TREES.readTree(client.getKubernetesSerialization().asJson(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the client's own JSON", e);
        }
    }

    private void patch(Incident copy, Map<String, Object> patch) {
        client.resource(copy).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
        waiting.close();
    }
}
