package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.LeaderElection;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.IncidentMoves;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.PrometheusHealth;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Evaluation that stops is an incident: when Prometheus has answered no query for
 * {@code klaxon.watchers.prometheus-down-after}, the leader opens one incident (not one per rule)
 * in {@code klaxon.watchers.namespace}, paged through {@code klaxon.watchers.escalation-policy},
 * and resolves it when a query is answered again. Checked every {@link #CHECK} on a timer, never
 * inside a reconcile.
 */
@ApplicationScoped
public class PrometheusWatch {

    private static final Logger LOG = Logger.getLogger(PrometheusWatch.class);
    static final Duration CHECK = Duration.ofSeconds(5);
    static final String WATCHER = "prometheus";

    /** What to do about the outage. */
    enum Move { OPEN, RESOLVE, NONE }

    private final KlaxonConfig.Watchers settings;
    private final PrometheusClient prometheus;
    private final PrometheusHealth health;
    private final LeaderElection leadership;
    private final KubernetesClient client;
    private final OperatorKey key;
    private final Clock clock;
    private final Vertx vertx;
    /** The open incident, as far as this leader knows: found again after a restart or a change of leader. */
    private Optional<String> open = Optional.empty();
    private boolean looked;

    public PrometheusWatch(KlaxonConfig config, PrometheusClient prometheus, LeaderElection leadership, KubernetesClient client, OperatorKey key,
            Clock clock, Vertx vertx) {
        this.settings = config.watchers();
        this.prometheus = prometheus;
        this.health = prometheus.health();
        this.leadership = leadership;
        this.client = client;
        this.key = key;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (settings.namespace().isEmpty()) {
            return;
        }
        vertx.setPeriodic(CHECK.toMillis(), id -> vertx.executeBlocking(() -> {
            check();
            return null;
        }, true));
    }

    /** The move, from the outage (if any), how long one may last, and whether an incident is open. */
    static Move decide(Optional<PrometheusHealth.Outage> outage, Duration downAfter, Instant now, boolean incidentOpen) {
        boolean down = outage.isPresent() && !now.isBefore(outage.get().since().plus(downAfter));
        if (down && !incidentOpen) {
            return Move.OPEN;
        }
        return outage.isEmpty() && incidentOpen ? Move.RESOLVE : Move.NONE;
    }

    synchronized void check() {
        if (!leadership.isLeading()) {
            looked = false; // another replica may open or resolve it meanwhile: look again when leading
            return;
        }
        String namespace = settings.namespace().orElseThrow();
        try {
            if (!looked) {
                open = signedOpen(namespace).stream().findFirst().map(i -> i.getMetadata().getName());
                looked = true;
            }
            if (health.outage().isPresent() || open.isPresent()) {
                // Rules may be few and far between: ask now rather than judge by the last rule's query.
                probe();
            }
            Optional<PrometheusHealth.Outage> outage = health.outage();
            switch (decide(outage, settings.prometheusDownAfter(), clock.instant(), open.isPresent())) {
                case OPEN -> {
                    open = Optional.of(new IncidentOpener(client, key).open(new Unreachable(namespace, outage.get()), signed(namespace)));
                    LOG.warnf("Prometheus has answered no query since %s: incident %s/%s", outage.get().since(), namespace, open.get());
                }
                case RESOLVE -> {
                    new IncidentMoves(client).resolve(namespace, open.get(), "Prometheus answers queries again");
                    LOG.infof("Prometheus answers again: incident %s/%s resolved", namespace, open.get());
                    open = Optional.empty();
                }
                case NONE -> { }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Watching Prometheus: the incident could not be written (tried again in %s): %s", CHECK, e.toString());
            looked = false;
        }
    }

    /** A query of its own; its outcome is recorded in the health like any other. */
    private void probe() {
        try {
            prometheus.query("vector(1)", clock.instant());
        } catch (PrometheusException e) {
            // Recorded: an answer (even an error) ends the outage, no answer keeps it.
        }
    }

    /** The watcher's incidents the operator signed (final ones too: for the next name in the sequence). */
    private List<Incident> signed(String namespace) {
        return client.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_WATCHER, WATCHER).list().getItems()
                .stream().filter(i -> IncidentProof.isWatchers(key, i)).toList();
    }

    private List<Incident> signedOpen(String namespace) {
        return signed(namespace).stream().filter(IncidentOpener::isOpen).toList();
    }

    /** Prometheus's outage as the origin of an incident: {@code prometheus-unreachable-<n>}. */
    private final class Unreachable implements IncidentOpener.Origin {
        private final String namespace;
        private final PrometheusHealth.Outage outage;

        Unreachable(String namespace, PrometheusHealth.Outage outage) {
            this.namespace = namespace;
            this.outage = outage;
        }

        @Override
        public String name(int sequence) {
            return "prometheus-unreachable-" + sequence;
        }

        @Override
        public String unguessableName(int sequence, OperatorKey key) {
            return name(sequence) + "-" + key.sign("watcher-incident-name\n" + namespace + "\n" + WATCHER + "\n" + sequence).substring(0, 12);
        }

        @Override
        public int sequenceOf(String name) {
            return IncidentOpener.sequenceAtEnd(name);
        }

        @Override
        public Incident incident(String name) {
            Incident incident = new Incident();
            incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .addToLabels(KlaxonApi.LABEL_WATCHER, WATCHER)
                    .addToLabels(KlaxonApi.LABEL_SEVERITY, settings.severity().name()).build());
            IncidentSpec spec = new IncidentSpec();
            spec.setTitle("Prometheus is unreachable: alert rules are not evaluated");
            spec.setSeverity(settings.severity());
            spec.setCategory(Category.DEPENDENCY);
            spec.setDescription("Prometheus has answered no query since " + Timestamps.format(outage.since()) + " (more than "
                    + KlaxonDurations.format(settings.prometheusDownAfter()) + "): no AlertRule can fire meanwhile. Last error: "
                    + dev.klaxon.common.Text.cut(String.valueOf(outage.lastError()), 1024));
            spec.setEscalationPolicyRef(settings.escalationPolicy().orElse(null));
            incident.setSpec(spec);
            return incident;
        }

        @Override
        public String proofText(Incident incident) {
            return IncidentProof.ofWatcher(namespace, incident.getMetadata().getName(), WATCHER);
        }

        @Override
        public boolean isOwnOpenIncident(Incident existing) {
            return IncidentProof.isWatchers(key, existing) && IncidentOpener.isOpen(existing);
        }

        @Override
        public String describe() {
            return "Prometheus's outage";
        }
    }
}
