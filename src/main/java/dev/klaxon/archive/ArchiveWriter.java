package dev.klaxon.archive;

import dev.klaxon.archive.ArchiveStore.Record;
import dev.klaxon.common.FinalRecords;
import dev.klaxon.common.KlaxonConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes each final object to the archive as it becomes final, off the reconcilers' threads: its
 * state waits in a queue (the newest per UID, bounded by count and by bytes: an outage during a
 * burst of closures must not cost the heap that paging needs), and one thread writes it in
 * batches, each one transaction of upserts ({@link ArchiveStore}). A record the database refuses
 * (bad data, not an outage) is dropped alone, counted and logged, never holding back the rest.
 * When the archive is down the queue waits and the thread retries with backoff (5 s to 5 min).
 * What is dropped or lost with a restart is not lost for good: retention writes every object to
 * the archive before it deletes it ({@link ArchivePruner}).
 */
@Startup
@ApplicationScoped
public class ArchiveWriter implements FinalRecords {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);
    static final int BATCH = 100;
    static final long BATCH_BYTES = 4L << 20;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private static final String WRITES = "Final objects written to the archive, failed to write (and still waiting), or dropped";

    private final boolean enabled;
    private final int maxPending;
    private final long maxPendingBytes;
    private final ArchiveStore store;
    private final Clock clock;
    /** By UID, oldest first; with {@link #pendingBytes}, guarded by itself. */
    private final LinkedHashMap<String, Record> pending = new LinkedHashMap<>();
    private long pendingBytes;
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
    /** No write before this (the backoff after a failure); guarded by {@link #pending}. */
    private Instant notBefore = Instant.EPOCH;
    private Duration retry = FIRST_RETRY;

    /** Whether the last write (if any) succeeded. */
    public boolean up() {
        return up.get() == 1;
    }

    /** Final objects waiting to be written. */
    public int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    public ArchiveWriter(KlaxonConfig config, ArchiveStore store, MeterRegistry registry, Clock clock) {
        this.enabled = store.enabled();
        this.maxPending = config.archive().maxPending();
        this.maxPendingBytes = config.archive().maxPendingBytes();
        this.store = store;
        this.clock = clock;
        this.written = Counter.builder("klaxon_archive_writes").tag("outcome", "written").description(WRITES).register(registry);
        this.failed = Counter.builder("klaxon_archive_writes").tag("outcome", "failed").description(WRITES).register(registry);
        this.dropped = Counter.builder("klaxon_archive_writes").tag("outcome", "dropped").description(WRITES).register(registry);
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
        Record record = store.recordOf(object);
        synchronized (pending) {
            Record replaced = pending.remove(record.uid());
            pendingBytes -= replaced == null ? 0 : replaced.json().length();
            pending.put(record.uid(), record);
            pendingBytes += record.json().length();
            for (Iterator<Record> oldest = pending.values().iterator(); (pending.size() > maxPending || pendingBytes > maxPendingBytes)
                    && oldest.hasNext(); ) {
                pendingBytes -= oldest.next().json().length();
                oldest.remove();
                dropped.increment();
            }
            scheduleLocked();
        }
    }

    private void scheduleLocked() {
        if (!scheduled && !thread.isShutdown()) {
            scheduled = true;
            long wait = Math.max(0, Duration.between(clock.instant(), notBefore).toMillis());
            thread.schedule(this::drain, wait, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes a batch; on success goes on at once if more wait, on failure tries again after the backoff. */
    private void drain() {
        List<Record> batch = new ArrayList<>();
        synchronized (pending) {
            // Still "scheduled" while it writes: objects finalized meanwhile wait for this drain to say when the next one runs.
            long bytes = 0;
            for (Record record : pending.values()) {
                if (batch.size() == BATCH || (!batch.isEmpty() && bytes + record.json().length() > BATCH_BYTES)) {
                    break;
                }
                batch.add(record);
                bytes += record.json().length();
            }
        }
        if (batch.isEmpty()) {
            synchronized (pending) {
                scheduled = false;
                if (!pending.isEmpty()) {
                    scheduleLocked();
                }
            }
            return;
        }
        // The same order on every replica: two writing the same objects never wait on each other's row locks.
        batch.sort(Comparator.comparing(Record::uid));
        try {
            int refused = 0;
            try {
                store.upsert(batch);
            } catch (SQLException e) {
                if (!ArchiveStore.isBadData(e)) {
                    throw e;
                }
                refused = writeOneByOne(batch);
            }
            up.set(1);
            retry = FIRST_RETRY;
            written.increment(batch.size() - refused);
            synchronized (pending) {
                scheduled = false;
                notBefore = Instant.EPOCH;
                // A newer state of one of them came meanwhile: it stays, and is written next.
                batch.forEach(r -> {
                    if (pending.remove(r.uid(), r)) {
                        pendingBytes -= r.json().length();
                    }
                });
                if (!pending.isEmpty()) {
                    scheduleLocked();
                }
            }
        } catch (SQLException | RuntimeException e) {
            up.set(0);
            failed.increment(batch.size());
            int waiting;
            synchronized (pending) {
                scheduled = false;
                waiting = pending.size();
                notBefore = clock.instant().plus(retry);
                scheduleLocked();
            }
            LOG.warnf("the archive is unreachable or failing (%s): %d final objects wait, trying again in %s", describe(e), waiting, retry);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    /** A batch the database refused as bad data: each record alone, the ones it refuses dropped and named (by UID); how many. */
    private int writeOneByOne(List<Record> batch) throws SQLException {
        int refused = 0;
        for (Record record : batch) {
            try {
                store.upsert(List.of(record));
            } catch (SQLException e) {
                if (!ArchiveStore.isBadData(e)) {
                    throw e;
                }
                dropped.increment();
                refused++;
                LOG.warnf("the archive refused %s %s/%s (uid %s): %s; it is not archived", record.kind(), record.namespace(), record.name(),
                        record.uid(), describe(e));
            }
        }
        return refused;
    }

    /** What went wrong, in words that carry no credentials (the driver's messages name hosts and users, never passwords). */
    static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse(""));
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
