package dev.klaxon.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.FinalRecords;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.Timestamps;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Writes each final object to the archive, off the reconcilers' threads: the object's state is
 * taken when it became final, waits in a bounded queue (the newest state per UID), and one thread
 * writes the queue in batches, each batch one transaction of idempotent upserts keyed by UID (a
 * retry or a second replica never duplicates a row, a changed object updates its row). The
 * schema is migrated by that thread too, before its first write. When the archive is down the
 * queue waits and the thread retries with backoff (5 s to 5 min); the metrics say so.
 */
@ApplicationScoped
public class ArchiveWriter implements FinalRecords {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);
    static final int BATCH = 100;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private static final String UPSERT = """
            INSERT INTO archived_objects (uid, kind, namespace, name, created_at, resource_version, record)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (uid) DO UPDATE SET kind = EXCLUDED.kind, namespace = EXCLUDED.namespace, name = EXCLUDED.name,
                created_at = EXCLUDED.created_at, resource_version = EXCLUDED.resource_version, record = EXCLUDED.record, archived_at = now()
            WHERE archived_objects.resource_version IS DISTINCT FROM EXCLUDED.resource_version""";

    /** An object as it became final, ready to write. */
    record Record(String uid, String kind, String namespace, String name, String createdAt, String resourceVersion, String json) {
    }

    private final boolean enabled;
    private final int maxPending;
    private final Instance<AgroalDataSource> dataSource;
    private final Instance<Flyway> flyway;
    private final ObjectMapper mapper = new ObjectMapper();
    private final io.fabric8.kubernetes.client.utils.KubernetesSerialization json;
    /** By UID, oldest first; guarded by itself. */
    private final LinkedHashMap<String, Record> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "klaxon-archive");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger up = new AtomicInteger(1);
    private final Counter written;
    private final Counter failed;
    private final Counter dropped;
    private boolean scheduled;
    private boolean migrated;
    private Duration retry = FIRST_RETRY;

    public ArchiveWriter(KlaxonConfig config, Instance<AgroalDataSource> dataSource, Instance<Flyway> flyway, KubernetesClient client,
            MeterRegistry registry) {
        this.enabled = config.archive().enabled();
        this.maxPending = config.archive().maxPending();
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.json = client.getKubernetesSerialization();
        this.written = Counter.builder("klaxon_archive_writes").tag("outcome", "written")
                .description("Final objects written to the archive, or failed batches, or dropped from a full queue").register(registry);
        this.failed = Counter.builder("klaxon_archive_writes").tag("outcome", "failed")
                .description("Final objects written to the archive, or failed batches, or dropped from a full queue").register(registry);
        this.dropped = Counter.builder("klaxon_archive_writes").tag("outcome", "dropped")
                .description("Final objects written to the archive, or failed batches, or dropped from a full queue").register(registry);
        if (enabled) {
            registry.gauge("klaxon_archive_up", up);
            registry.gaugeMapSize("klaxon_archive_pending", List.of(), pending);
        }
    }

    @Override
    public void finalized(HasMetadata object) {
        if (!enabled) {
            return;
        }
        Record record = recordOf(object);
        synchronized (pending) {
            pending.remove(record.uid());
            pending.put(record.uid(), record);
            for (Iterator<Record> oldest = pending.values().iterator(); pending.size() > maxPending && oldest.hasNext(); ) {
                oldest.next();
                oldest.remove();
                dropped.increment();
            }
            scheduleLocked(Duration.ZERO);
        }
    }

    /** The object as it became final: its whole state with the final label, without the server-side apply bookkeeping. */
    Record recordOf(HasMetadata object) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) mapper.readTree(json.asJson(object));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an object the client read is JSON", e);
        }
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        metadata.remove("managedFields");
        (metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels")).put(KlaxonApi.LABEL_FINAL, "true");
        return new Record(object.getMetadata().getUid(), object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
                object.getMetadata().getCreationTimestamp(), String.valueOf(object.getMetadata().getResourceVersion()), tree.toString());
    }

    private void scheduleLocked(Duration after) {
        if (!scheduled && !thread.isShutdown()) {
            scheduled = true;
            thread.schedule(this::drain, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes a batch; on success goes on at once if more wait, on failure tries again after the backoff. */
    private void drain() {
        List<Record> batch;
        synchronized (pending) {
            scheduled = false;
            batch = new ArrayList<>(pending.values().stream().limit(BATCH).toList());
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
            up.set(1);
            retry = FIRST_RETRY;
            written.increment(batch.size());
            synchronized (pending) {
                // A newer state of one of them came meanwhile: it stays, and is written next.
                batch.forEach(r -> pending.remove(r.uid(), r));
                if (!pending.isEmpty()) {
                    scheduleLocked(Duration.ZERO);
                }
            }
        } catch (SQLException | RuntimeException e) {
            up.set(0);
            failed.increment();
            int waiting;
            synchronized (pending) {
                waiting = pending.size();
                scheduleLocked(retry);
            }
            LOG.warnf("the archive is unreachable or failing (%s): %d final objects wait, trying again in %s", describe(e), waiting, retry);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    private void write(List<Record> batch) throws SQLException {
        if (!migrated) {
            flyway.get().migrate();
            migrated = true;
        }
        try (Connection connection = dataSource.get().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (Record record : batch) {
                    upsert.setString(1, record.uid());
                    upsert.setString(2, record.kind());
                    upsert.setString(3, record.namespace());
                    upsert.setString(4, record.name());
                    upsert.setTimestamp(5, Timestamp.from(Timestamps.parse(record.createdAt())));
                    upsert.setString(6, record.resourceVersion());
                    upsert.setString(7, record.json());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** What went wrong, in words that carry no credentials (the driver's messages name hosts and users, never passwords). */
    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse(""));
    }

    /** How many final objects wait for the archive now. */
    int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
