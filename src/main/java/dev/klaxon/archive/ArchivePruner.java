package dev.klaxon.archive;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeaderElection;
import dev.klaxon.common.WatchedObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Retention that loses nothing: on the leader, every {@code prunePeriod}, final objects past their
 * kind's retention are written to the archive, and only once that transaction is committed are
 * they deleted from the cluster (with what they own: a run's step Jobs, a review's document),
 * each on the condition that it is still the object that was archived (its resourceVersion). A
 * crash between the two leaves the object in the cluster, and the next pass writes the same row
 * again (an upsert by UID) and deletes it. An archive that is down pauses pruning (a metric, an
 * Event on the operator's Lease, the {@link ArchiveHealth} check and
 * a log line say so): nothing unarchived is ever deleted. Without an archive nothing is deleted
 * unless {@code klaxon.archive.expire-without-archive} says so. Runs on a thread of its own,
 * listing final objects a page at a time, so it costs neither the reconcilers nor the Lease.
 */
@ApplicationScoped
public class ArchivePruner {

    private static final Logger LOG = Logger.getLogger(ArchivePruner.class);
    static final int PAGE = 100;

    private final KubernetesClient client;
    private final ArchiveStore store;
    private final LeaderElection leadership;
    private final Clock clock;
    private final Retention retention;
    private final Duration period;
    private final boolean expireWithoutArchive;
    private final List<String> namespaces;
    private final MeterRegistry registry;
    private final RetentionPause pause;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "klaxon-archive-pruner");
        t.setDaemon(true);
        return t;
    });

    public ArchivePruner(KubernetesClient client, ArchiveStore store, LeaderElection leadership, Clock clock, KlaxonConfig config,
            MeterRegistry registry, EventRecorder events, @ConfigProperty(name = "quarkus.operator-sdk.namespaces") String watchedNamespaces) {
        this.client = client;
        this.store = store;
        this.leadership = leadership;
        this.clock = clock;
        this.retention = Retention.of(config.archive());
        this.period = config.archive().prunePeriod();
        this.expireWithoutArchive = config.archive().expireWithoutArchive();
        this.namespaces = WatchedObjects.ALL_NAMESPACES.equals(watchedNamespaces.strip()) ? List.of()
                : Arrays.stream(watchedNamespaces.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        this.registry = registry;
        this.pause = new RetentionPause(leadership, events);
    }

    void start(@Observes StartupEvent event) {
        if (!store.enabled() && !expireWithoutArchive) {
            return;
        }
        pause.register(registry);
        Retention.KINDS.forEach(kind -> registry.counter("klaxon_archive_pruned", "kind", HasMetadata.getKind(kind)));
        thread.scheduleWithFixedDelay(this::pass, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over every kind; a failing archive ends it (nothing more is deleted until a pass can write again). */
    void pass() {
        if (!leadership.isLeading()) {
            pause.forget();
            return;
        }
        try {
            boolean whole = true;
            for (Class<? extends HasMetadata> kind : Retention.KINDS) {
                whole = whole && prune(kind);
            }
            if (whole) {
                pause.resumed();
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof KubernetesClientException) {
                LOG.warnf("retention: listing or deleting final objects failed (%s); trying again in %s", ArchiveWriter.describe(e), period);
                return;
            }
            LOG.warnf("retention paused: the archive is unreachable or failing (%s); nothing is deleted until it is back, trying again in %s",
                    ArchiveWriter.describe(e), period);
            pause.paused(ArchiveWriter.describe(e));
        }
    }

    /** Why retention is paused (the archive's failure), or empty while it runs. */
    public Optional<String> pausedBecause() {
        return pause.because();
    }

    /** Whether the pass over {@code kind} went through (not cut short by the loss of leadership). */
    private <T extends HasMetadata> boolean prune(Class<T> kind) throws SQLException {
        for (String namespace : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
            String next = null;
            do {
                if (!leadership.isLeading()) {
                    return false; // another replica leads now: its passes prune
                }
                var options = new ListOptionsBuilder().withLabelSelector(KlaxonApi.LABEL_FINAL + "=true").withLimit((long) PAGE)
                        .withContinue(next).build();
                KubernetesResourceList<T> page = namespace == null ? client.resources(kind).inAnyNamespace().list(options)
                        : client.resources(kind).inNamespace(namespace).list(options);
                Instant now = clock.instant();
                List<T> due = new ArrayList<>(page.getItems().stream().filter(o -> retention.due(o, now)).toList());
                if (!due.isEmpty()) {
                    archiveThenDelete(kind, due);
                }
                next = page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
        }
        return true;
    }

    private <T extends HasMetadata> void archiveThenDelete(Class<T> kind, List<T> due) throws SQLException {
        List<T> deletable = due;
        if (store.enabled()) {
            deletable = archive(due); // committed, or it throws and nothing is deleted
        }
        for (T object : deletable) {
            try {
                // Only the state that was archived: an object changed since (handed back to the operator, say) stays.
                client.resources(kind).inNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                        .lockResourceVersion(object.getMetadata().getResourceVersion()).delete();
                registry.counter("klaxon_archive_pruned", "kind", HasMetadata.getKind(kind)).increment();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /**
     * Writes the objects in one transaction (in UID order, as the writer does: no lock-order deadlock
     * between them); what the database refuses as bad data is written one by one, and what it
     * still refuses stays in the cluster, named in the log. The objects that are archived.
     */
    private <T extends HasMetadata> List<T> archive(List<T> due) throws SQLException {
        List<T> ordered = due.stream().sorted(java.util.Comparator.comparing((T o) -> o.getMetadata().getUid())).toList();
        try {
            store.upsert(ordered.stream().map(store::recordOf).toList(), true);
            return ordered;
        } catch (SQLException e) {
            if (!ArchiveStore.isBadData(e)) {
                throw e;
            }
        }
        List<T> archived = new ArrayList<>();
        for (T object : ordered) {
            try {
                store.upsert(List.of(store.recordOf(object)), true);
                archived.add(object);
            } catch (SQLException e) {
                if (!ArchiveStore.isBadData(e)) {
                    throw e;
                }
                LOG.warnf("retention: the archive refused %s %s/%s (uid %s): %s; it stays in the cluster", object.getKind(),
                        object.getMetadata().getNamespace(), object.getMetadata().getName(), object.getMetadata().getUid(),
                        ArchiveWriter.describe(e));
            }
        }
        return archived;
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
