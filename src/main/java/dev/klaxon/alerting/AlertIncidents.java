package dev.klaxon.alerting;

import dev.klaxon.alerting.AlertStateMachine.Event;
import dev.klaxon.alerting.AlertStateMachine.Resolved;
import dev.klaxon.alerting.AlertStateMachine.StoppedFiring;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.OpenIncidents;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.Sample;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * What one evaluation of a rule means for its incidents: the firing alerts' incidents opened (a
 * storm's side by side, past the cap shared), Auto severity raised, done alerts' incidents
 * resolved, and incidents told when their alert's data goes missing or comes back. The engine
 * decides when to evaluate; this writes the consequences.
 */
final class AlertIncidents {

    private static final Logger LOG = Logger.getLogger(AlertIncidents.class);

    private final IncidentWriter incidents;
    private final AlertClassifier classifier;
    private final EventRecorder events;
    private final AlertingMetrics metrics;
    /** Creates a storm's incidents side by side (each create waits on the API server, not the CPU). */
    private final ExecutorService writers;
    /** Severity each open incident was last given, so Auto rules only write when it gets worse. */
    private final Map<String, Severity> incidentSeverity = new ConcurrentHashMap<>();
    private final StormCap.Memory storms = new StormCap.Memory();
    /** How long after firing an alert may stay attached to another incident. */
    static final java.time.Duration MAX_ATTACHED = java.time.Duration.ofHours(24);

    private final List<Suppressions> suppressions;
    private final OpenIncidents openIncidents;

    /**
     * What one evaluation's openings came to.
     *
     * @param heldUntil when the earliest maintenance window that held back one of its alerts ends (evaluate again then)
     */
    record Openings(List<String> failures, Optional<Instant> heldUntil) {
    }

    AlertIncidents(IncidentWriter incidents, AlertClassifier classifier, EventRecorder events, AlertingMetrics metrics, int writers,
            List<Suppressions> suppressions, OpenIncidents openIncidents) {
        this.incidents = incidents;
        this.suppressions = suppressions;
        this.openIncidents = openIncidents;
        this.classifier = classifier;
        this.events = events;
        this.metrics = metrics;
        this.writers = Executors.newFixedThreadPool(writers, r -> {
            Thread thread = new Thread(r, "klaxon-incident-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The rule's cap on open incidents, for this evaluation's alerts. */
    StormCap stormCap(AlertRule rule, Collection<AlertState> alerts) {
        return new StormCap(rule, alerts, incidents, events, storms);
    }

    /** The rule stopped being evaluated: what its storm was is forgotten. */
    void forget(io.javaoperatorsdk.operator.processing.event.ResourceID rule) {
        storms.forget(rule);
    }

    void shutdown() {
        writers.shutdownNow();
    }

    /**
     * An alert with an incident that lost its series (or got it back): a Warning Event on the
     * rule, and the incident told, so its timeline says why it stays open. A failed write is
     * logged; the alert's state is unaffected.
     */
    void reportNoData(AlertRule rule, Map<String, AlertState> before, Map<String, AlertState> after) {
        for (AlertState alert : after.values()) {
            AlertState previous = before.get(alert.fingerprint());
            Instant was = previous == null ? null : previous.noDataSince();
            if (alert.incident() == null || Objects.equals(was, alert.noDataSince())) {
                continue;
            }
            if (alert.noDataSince() != null) {
                events.record(rule, EventRecorder.Type.Warning, EventReason.NoData, "alert " + alert.labels()
                        + ": its series is missing from the query's answer since " + Timestamps.format(alert.noDataSince())
                        + "; incident " + alert.incident() + " stays as it is (noData " + rule.getSpec().getNoData() + ")");
            }
            try {
                incidents.markNoData(rule.getMetadata().getNamespace(), alert.incident(), alert.noDataSince());
            } catch (KubernetesClientException e) {
                LOG.warnf("could not tell incident %s that its alert's data %s: %s", alert.incident(),
                        alert.noDataSince() != null ? "is missing" : "is back", e.getMessage());
            }
        }
    }

    /** Resolves incidents whose alerts are done; a failed write keeps the alert Resolving, so it is retried. */
    void resolveDone(AlertRule rule, List<Event> happened, Map<String, AlertState> next) {
        String ns = rule.getMetadata().getNamespace();
        for (Event event : happened) {
            AlertState alert = event.alert();
            if (event instanceof StoppedFiring && alert.incident() == null) {
                continue; // held back (a maintenance window, another incident) the whole time: there is no incident to speak of
            } else if (event instanceof StoppedFiring) {
                events.record(rule, EventRecorder.Type.Normal, EventReason.AlertStoppedFiring, "alert " + alert.labels()
                        + " stopped firing; auto-resolve is off, so incident " + alert.incident() + " stays open");
            } else if (event instanceof Resolved && alert.incident() != null && sharedWithOthers(alert, next)) {
                // A storm's incident resolves with the last of the alerts that share it.
                continue;
            } else if (event instanceof Resolved && alert.incident() != null) {
                String reason = "alert " + rule.getMetadata().getName() + " " + alert.labels() + " stopped firing at "
                        + Timestamps.format(alert.resolvedAt()) + " and stayed quiet for autoResolve.after";
                try {
                    if (incidents.resolve(ns, alert.incident(), reason)) {
                        metrics.incident("resolved");
                        events.record(rule, EventRecorder.Type.Normal, EventReason.IncidentResolved, "resolved incident " + alert.incident() + ": " + reason);
                    }
                    incidentSeverity.remove(ns + "/" + alert.incident());
                } catch (KubernetesClientException e) {
                    next.put(alert.fingerprint(), alert);
                    throw e;
                }
            }
        }
    }

    private static String failure(AlertState alert, KubernetesClientException e) {
        return "alert " + alert.labels() + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage());
    }

    private static boolean sharedWithOthers(AlertState alert, Map<String, AlertState> next) {
        return next.values().stream().anyMatch(other -> !other.fingerprint().equals(alert.fingerprint())
                && alert.incident().equals(other.incident()));
    }

    /**
     * Every firing alert has an open incident: one that just fired gets its incident checked (it
     * may have been resolved by hand while the alert was quiet) or created. Past the rule's
     * incident.maxOpenIncidents, alerts share the rule's storm incident instead of each opening
     * (and paging, and starting a playbook for) its own. Auto severity raises an open incident
     * when the classification gets worse. An alert with no incident that something holds back
     * opens none (and pages nobody): an active maintenance window that matches it (it opens its
     * incident at the first evaluation after the window ends), or an open incident it belongs
     * with, to which it stays attached until that incident resolves.
     */
    Openings openAndClassify(AlertRule rule, Map<String, AlertState> alerts, Set<String> fired, Instant at, StormCap storm)
            throws PrometheusException {
        List<String> failures = new ArrayList<>();
        List<Opening> openings = new ArrayList<>();
        Instant heldUntil = null;
        for (AlertState alert : List.copyOf(alerts.values())) {
            if (alert.phase() != AlertState.Phase.Firing) {
                continue;
            }
            if (alert.incident() == null) {
                Optional<Suppressions.Suppression> held = holdOf(rule, alert, at);
                alerts.put(alert.fingerprint(), alert.withHeld(held.orElse(null)));
                if (held.isPresent() && held.get() instanceof Suppressions.Maintenance window) {
                    heldUntil = heldUntil == null || window.until().isBefore(heldUntil) ? window.until() : heldUntil;
                }
                if (held.isPresent()) {
                    continue;
                }
            }
            try {
                openOrRaise(rule, alerts, alert, fired, at, storm).ifPresent(openings::add);
            } catch (KubernetesClientException e) {
                failures.add(failure(alert, e));
            }
        }
        for (Opening opening : openings) {
            try {
                opened(rule, alerts, opening);
            } catch (KubernetesClientException e) {
                // One alert's incident (say, refused by the API server) is that alert's problem only.
                failures.add(failure(opening.alert(), e));
            }
        }
        return new Openings(failures, Optional.ofNullable(heldUntil));
    }

    /**
     * What holds back an alert that has no incident, by {@link Suppressions#rank}: a
     * maintenance window first; then the open incident it is attached to, which it stays with (a
     * correlation's window may have passed since, a dependency been withdrawn); then what the
     * concerns that hold alerts back say. No attachment lasts past {@link #MAX_ATTACHED} from the
     * alert firing: a symptom that outlives a day has earned its own incident. A concern that
     * fails holds nothing back (the alert pages). A new attachment is told on the rule.
     */
    private Optional<Suppressions.Suppression> holdOf(AlertRule rule, AlertState alert, Instant at) {
        // The labels the incident would carry: the alert's and the rule's spec.labels.
        Map<String, String> labels = IncidentWriter.incidentLabels(alert.labels(), rule.getSpec().getLabels());
        List<Suppressions.Suppression> holds = new ArrayList<>();
        for (Suppressions concern : suppressions) {
            try {
                concern.of(rule, labels).ifPresent(holds::add);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not tell whether %s holds back alert %s of %s/%s; it does not", concern.getClass().getSimpleName(),
                        alert.labels(), rule.getMetadata().getNamespace(), rule.getMetadata().getName());
            }
        }
        boolean attachable = alert.firingAt() == null || alert.firingAt().plus(MAX_ATTACHED).isAfter(at);
        Optional<Suppressions.Attachment> attached = alert.attachment();
        if (attachable && attached.isPresent() && openIncidents.isOpen(attached.get().namespace(), attached.get().incident())) {
            holds.add(attached.get());
        }
        Optional<Suppressions.Suppression> held = holds.stream().filter(h -> attachable || h instanceof Suppressions.Maintenance)
                .min(java.util.Comparator.comparingInt(h -> h instanceof Suppressions.Maintenance ? 0 : h.equals(attached.orElse(null)) ? 1
                        : 1 + Suppressions.rank(h)));
        if (held.isPresent() && held.get() instanceof Suppressions.Attachment attachment && !attachment.equals(attached.orElse(null))) {
            events.record(rule, EventRecorder.Type.Normal, EventReason.AlertAttached, "alert " + alert.labels() + " fired: attached to open incident "
                    + attachment.root() + " (" + attachment.why() + "), which lists it; it pages nobody until that incident resolves");
        }
        return held;
    }

    /** An incident being opened for an alert on the writers' pool; applied to the alert when it is done. */
    private record Opening(AlertState alert, boolean gone, Severity severity, CompletableFuture<String> name) {
    }

    /**
     * The incident of one firing alert: opened (or found) when it just fired or has none — on the
     * writers' pool, so a storm's incidents are created side by side; raised when Auto severity
     * gets worse.
     */
    private Optional<Opening> openOrRaise(AlertRule rule, Map<String, AlertState> alerts, AlertState alert, Set<String> fired,
            Instant at, StormCap storm) throws PrometheusException {
        String ns = rule.getMetadata().getNamespace();
        boolean auto = rule.getSpec().getSeverity() == AlertRuleSpec.RuleSeverity.Auto;
        Severity severity = auto ? classifier.classify(rule.getMetadata().getNamespace(), rule.getSpec().getClassification(), alert, at)
                : Severity.valueOf(rule.getSpec().getSeverity().name());
        // Deleted while its alert still fires: the alert gets an incident again, which says so.
        boolean gone = alert.incident() != null && !fired.contains(alert.fingerprint()) && incidents.isGone(ns, alert.incident());
        if ((gone || alert.incident() == null) && storm.full()) {
            alerts.put(alert.fingerprint(), alert.withIncident(storm.shared(severity, at)));
            return Optional.empty();
        }
        if (gone || alert.incident() == null || fired.contains(alert.fingerprint())) {
            storm.reserve();
            String replaces = gone ? alert.incident() : null;
            return Optional.of(new Opening(alert, gone, severity,
                    CompletableFuture.supplyAsync(() -> incidents.ensureOpen(rule, alert, severity, replaces), writers)));
        }
        if (auto) {
            Severity known = incidentSeverity.get(ns + "/" + alert.incident());
            if (known == null || SeverityClassifier.isWorse(severity, known)) {
                String reason = "classification of alert " + alert.labels() + " at " + Timestamps.format(at) + " gives " + severity;
                incidents.raiseSeverity(ns, alert.incident(), severity, reason);
                incidentSeverity.put(ns + "/" + alert.incident(), severity);
            }
        }
        return Optional.empty();
    }

    /** Records the incident an opening got on its alert (and says so); throws what the API server answered. */
    private void opened(AlertRule rule, Map<String, AlertState> alerts, Opening opening) {
        String name;
        try {
            name = opening.name().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        AlertState alert = opening.alert();
        String ns = rule.getMetadata().getNamespace();
        alerts.put(alert.fingerprint(), alert.withIncident(name));
        if (opening.gone() || !name.equals(alert.incident())) {
            incidentSeverity.putIfAbsent(ns + "/" + name, opening.severity());
            metrics.incident("opened");
            if (opening.gone()) {
                events.record(rule, EventRecorder.Type.Warning, EventReason.IncidentRecreated, "incident " + alert.incident()
                        + " was deleted while alert " + alert.labels() + " still fires: opened " + name);
            } else {
                events.record(rule, EventRecorder.Type.Normal, EventReason.IncidentOpened,
                        "alert " + alert.labels() + " fired with value " + Sample.plain(alert.value()) + ": incident " + name);
            }
        }
    }
}
