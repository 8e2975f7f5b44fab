package dev.klaxon.archive;

import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.LeaderElection;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Whether retention is paused and why, said where an operator of Klaxon looks: the gauge
 * {@code klaxon_archive_pruning_paused}, {@link ArchiveHealth}, and on each change an Event on the
 * operator's Lease (none when leader election is off: there is no Lease).
 */
final class RetentionPause {

    private static final Logger LOG = Logger.getLogger(RetentionPause.class);

    private final LeaderElection leadership;
    private final EventRecorder events;
    private final AtomicInteger gauge = new AtomicInteger();
    /** The archive's failure, or null while retention runs. */
    private volatile String because;

    RetentionPause(LeaderElection leadership, EventRecorder events) {
        this.leadership = leadership;
        this.events = events;
    }

    void register(MeterRegistry registry) {
        registry.gauge("klaxon_archive_pruning_paused", gauge);
    }

    Optional<String> because() {
        return Optional.ofNullable(because);
    }

    /** A stand-by prunes nothing, so nothing of it is paused: forgotten without an Event (the leader's state is the one that counts). */
    void forget() {
        because = null;
        gauge.set(0);
    }

    void paused(String failure) {
        change(failure);
    }

    void resumed() {
        change(null);
    }

    private void change(String failure) {
        boolean changed = (because == null) != (failure == null);
        because = failure;
        gauge.set(failure == null ? 0 : 1);
        if (!changed) {
            return;
        }
        try {
            Lease lease = leadership.lease();
            if (lease != null) {
                events.record(lease, failure == null ? EventRecorder.Type.Normal : EventRecorder.Type.Warning,
                        failure == null ? EventReason.RetentionResumed : EventReason.RetentionPaused,
                        failure == null ? "Retention deletes final objects again: the archive took their records."
                                : "Retention paused: the archive is unreachable or failing (" + failure + "); nothing is deleted until it is back.");
            }
        } catch (KubernetesClientException e) {
            LOG.debugf("could not read the operator's Lease to record retention's pause: %s", e.getMessage());
        }
    }
}
