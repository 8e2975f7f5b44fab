package dev.klaxon.heartbeat;

import dev.klaxon.alertmanager.AlertSignals;
import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.WatchedObjects;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The signals of heartbeats as every replica takes them (a check-in, an alert through an
 * AlertSource), recorded in the heartbeat's Lease ({@link CheckInLeases}); whichever replica
 * records it, the leader's reconciler sees the Lease. A heartbeat signalled faster than it needs
 * is written at most every {@link #minInterval}. Runs where a receiver does (the check-in port,
 * the Alertmanager port).
 */
@ApplicationScoped
public class HeartbeatSignals implements AlertSignals {

    private static final Logger LOG = Logger.getLogger(HeartbeatSignals.class);
    /** How often the Leases of deleted heartbeats are looked for. */
    static final Duration SWEEP = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final WatchedObjects<Heartbeat> heartbeats;
    private final CheckInLeases leases;
    private final Clock clock;
    private final Vertx vertx;
    private final HeartbeatMetrics metrics;
    private final boolean needed;
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();
    private volatile boolean started;

    /**
     * @param clientConfig the operator's client settings: a client of its own without the leadership fence, because every
     *                     replica takes signals, and renewing a Lease is the same write whoever makes it
     */
    public HeartbeatSignals(Config clientConfig, KubernetesSerialization serialization, KlaxonConfig config, Clock clock, Vertx vertx,
            HeartbeatMetrics metrics, @ConfigProperty(name = "quarkus.operator-sdk.namespaces") String watchedNamespaces) {
        this.client = new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(clientConfig).build();
        this.heartbeats = new WatchedObjects<>(client, Heartbeat.class, watchedNamespaces);
        this.leases = new CheckInLeases(client);
        this.clock = clock;
        this.vertx = vertx;
        this.metrics = metrics;
        this.needed = config.heartbeats().port() > 0 || config.alertmanager().port() > 0;
    }

    void start(@Observes StartupEvent event) {
        if (!needed) {
            return;
        }
        heartbeats.start();
        started = true;
        vertx.setPeriodic(SWEEP.toMillis(), id -> vertx.executeBlocking(() -> {
            sweep();
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent event) {
        heartbeats.close();
        client.close();
    }

    /** The receivers' client: every replica's, outside the operator's leadership fence and request budget. */
    KubernetesClient client() {
        return client;
    }

    /** Whether the heartbeats are known (every informer listed once): before that, "unknown" could be wrong. */
    @Override
    public boolean isReady() {
        return started && heartbeats.isReady();
    }

    /** The heartbeat, when it exists and takes check-ins. */
    Optional<Heartbeat> checkInHeartbeat(String namespace, String name) {
        return heartbeats.find(namespace, name).filter(h -> h.getSpec() != null && h.getSpec().getCheckIn() != null);
    }

    /**
     * Records a signal of the heartbeat at {@code at}, unless one was recorded less than {@link #minInterval} ago.
     *
     * @return when the signal on record was taken
     */
    Instant record(Heartbeat heartbeat, Instant at) {
        String key = heartbeat.getMetadata().getNamespace() + "/" + heartbeat.getMetadata().getName();
        Instant last = lastRecorded.get(key);
        if (last != null && at.isBefore(last.plus(minInterval(heartbeat)))) {
            return last;
        }
        leases.renew(heartbeat.getMetadata().getNamespace(), heartbeat.getMetadata().getName(), at);
        lastRecorded.put(key, at);
        return at;
    }

    @Override
    public Set<String> signalNames(String namespace, String source) {
        if (!isReady()) {
            return Set.of();
        }
        return heartbeats.inNamespace(namespace).stream().map(h -> h.getSpec() == null ? null : h.getSpec().getAlert())
                .filter(alert -> alert != null && source.equals(alert.getAlertSourceRef())).map(HeartbeatSpec.AlertSignal::getAlertname)
                .collect(Collectors.toSet());
    }

    @Override
    public boolean signalled(String namespace, String source, String alertname, Instant at) {
        boolean recorded = true;
        for (Heartbeat heartbeat : heartbeats.inNamespace(namespace)) {
            HeartbeatSpec.AlertSignal alert = heartbeat.getSpec() == null ? null : heartbeat.getSpec().getAlert();
            if (alert != null && source.equals(alert.getAlertSourceRef()) && alertname.equals(alert.getAlertname())) {
                try {
                    record(heartbeat, at);
                } catch (RuntimeException e) {
                    recorded = false;
                    LOG.warnf("The alert %s of Heartbeat %s/%s could not be recorded (Alertmanager is asked to retry): %s", alertname, namespace,
                            heartbeat.getMetadata().getName(), e.toString());
                }
            }
        }
        return recorded;
    }

    /** How often one heartbeat's signals are written: a tenth of its period, between 1 s and 1 min. */
    static Duration minInterval(Heartbeat heartbeat) {
        Duration period = heartbeat.getSpec().getPeriod() == null ? Duration.ZERO : KlaxonDurations.parse(heartbeat.getSpec().getPeriod());
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }

    /**
     * Deletes the Leases of heartbeats that are gone (no finalizer holds a Heartbeat for this), once
     * they have not been renewed for a sweep's interval: a Heartbeat this replica's informer has not
     * seen yet is never one of them. Every replica sweeps; a delete of what is gone is idempotent.
     */
    void sweep() {
        if (!isReady()) {
            return;
        }
        Instant stale = clock.instant().minus(SWEEP);
        metrics.retainOnly(key -> {
            String[] parts = key.split("/", 2);
            return heartbeats.find(parts[0], parts[1]).isPresent();
        });
        try {
            for (var lease : client.leases().inNamespace(leases.namespace()).withLabel(KlaxonApi.LABEL_HEARTBEAT).list().getItems()) {
                var labels = lease.getMetadata().getLabels();
                String namespace = labels.get(KlaxonApi.LABEL_HEARTBEAT_NAMESPACE);
                String name = labels.get(KlaxonApi.LABEL_HEARTBEAT);
                boolean gone = heartbeats.find(namespace, name)
                        .filter(h -> h.getSpec() != null && (h.getSpec().getCheckIn() != null || h.getSpec().getAlert() != null)).isEmpty();
                if (gone && CheckInLeases.lastCheckIn(lease).map(stale::isAfter).orElse(true)) {
                    client.resource(lease).delete();
                    lastRecorded.remove(namespace + "/" + name);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping the Leases of deleted Heartbeats failed (tried again in %s): %s", SWEEP, e.toString());
        }
    }
}
