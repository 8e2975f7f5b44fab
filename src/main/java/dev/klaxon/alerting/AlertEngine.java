package dev.klaxon.alerting;

import dev.klaxon.alerting.AlertStateMachine.Event;
import dev.klaxon.alerting.AlertStateMachine.Fired;
import dev.klaxon.alerting.AlertStateMachine.Resolved;
import dev.klaxon.alerting.AlertStateMachine.StoppedFiring;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.LeadershipFence;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.common.Timestamps;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Evaluates every valid AlertRule on its own interval and turns alerts into Incidents.
 *
 * Each rule has a timer; its evaluations run on a worker pool, so a slow or broken rule never
 * delays another (a rule still evaluating when its next tick comes skips that tick). Ticks are
 * aligned to multiples of the interval, so rules on one interval evaluate at the same instant and
 * share identical queries. Results go to a {@link RuleRuntime}; the reconciler writes them into
 * status when woken.
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);

    private record Schedule(Duration interval, ScheduledFuture<?> timer) {
    }

    private final Clock clock;
    private final RuleEvaluator evaluator;
    private final QueryRunner queries;
    private final AlertClassifier classifier;
    private final IncidentWriter incidents;
    private final EventRecorder events;
    private final AlertingMetrics metrics;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "klaxon-rule-timer"));
    private final ExecutorService workers;
    /** Creates a storm's incidents side by side (each create waits on the API server, not the CPU). */
    private final ExecutorService writers;
    private final Map<ResourceID, Schedule> schedules = new ConcurrentHashMap<>();
    private final Map<ResourceID, RuleRuntime> runtimes = new ConcurrentHashMap<>();
    /** Severity each open incident was last given, so Auto rules only write when it gets worse. */
    private final Map<String, Severity> incidentSeverity = new ConcurrentHashMap<>();
    private final StormCap.Memory storms = new StormCap.Memory();
    private final LeadershipFence leadership;
    private volatile boolean skippingForLeadership;
    private volatile IndexedResourceCache<AlertRule> rules;
    private volatile SimpleInboundEventSource<AlertRule> wakeUp;

    public AlertEngine(Clock clock, KlaxonConfig config, PrometheusClient prometheus, KubernetesClient client, EventRecorder events,
            MeterRegistry registry, OperatorKey key, LeadershipFence leadership) {
        this.clock = clock;
        this.leadership = leadership;
        this.queries = new SharedQueries(prometheus, config.evaluation().maxConcurrentQueries());
        this.evaluator = new RuleEvaluator(queries);
        this.classifier = new AlertClassifier(queries);
        this.incidents = new IncidentWriter(client, key);
        this.events = events;
        this.workers = Executors.newFixedThreadPool(config.evaluation().workers(), r -> daemon(r, "klaxon-rule-evaluation"));
        this.writers = Executors.newFixedThreadPool(config.evaluation().incidentWriters(), r -> daemon(r, "klaxon-incident-writer"));
        this.metrics = new AlertingMetrics(registry, runtimes);
    }

    /** Called once by the reconciler: where to read rules from, and how to wake it with results. */
    void bind(IndexedResourceCache<AlertRule> rules, SimpleInboundEventSource<AlertRule> wakeUp, IncidentWriter.IncidentCache cachedIncidents) {
        this.rules = rules;
        this.wakeUp = wakeUp;
        this.incidents.useCache(cachedIncidents);
    }

    /** Evaluates the rule on its interval from now on (restoring its alerts from status the first time). */
    void schedule(AlertRule rule) {
        ResourceID id = ResourceID.fromResource(rule);
        runtimes.computeIfAbsent(id, k -> {
            RuleRuntime runtime = new RuleRuntime(RuleRestore.alerts(rule, incidents.openIncidentsOf(rule)));
            metrics.track(k, runtime);
            return runtime;
        });
        Duration interval = KlaxonDurations.parse(rule.getSpec().getInterval());
        schedules.compute(id, (k, current) -> {
            if (current != null && current.interval().equals(interval)) {
                return current;
            }
            if (current != null) {
                current.timer().cancel(false);
            }
            long period = interval.toMillis();
            long delay = period - Math.floorMod(clock.millis(), period);
            return new Schedule(interval, timers.scheduleAtFixedRate(() -> tick(id, period), delay, period, TimeUnit.MILLISECONDS));
        });
    }

    /** Stops evaluating the rule (invalid or deleted); its alerts are restored from status if it comes back. */
    void unschedule(ResourceID id) {
        Schedule schedule = schedules.remove(id);
        if (schedule != null) {
            schedule.timer().cancel(false);
        }
        runtimes.remove(id);
        storms.forget(id);
        metrics.untrack(id);
    }

    Optional<RuleRuntime.Snapshot> snapshot(ResourceID id) {
        return Optional.ofNullable(runtimes.get(id)).map(RuleRuntime::snapshot);
    }

    private void tick(ResourceID id, long periodMillis) {
        RuleRuntime runtime = runtimes.get(id);
        if (runtime == null) {
            return;
        }
        Instant due = Instant.ofEpochMilli(clock.millis() / periodMillis * periodMillis);
        if (!leadership.isHeld()) {
            // Paused past the Lease: another replica may lead now; this one evaluates nothing
            // until the elector has either renewed or given up (and exits).
            if (!skippingForLeadership) {
                LOG.warn("not confirmed as the leader (Lease not renewed in time): rule evaluation paused");
            }
            skippingForLeadership = true;
            metrics.skipped();
            return;
        }
        skippingForLeadership = false;
        if (runtime.evaluating) {
            metrics.skipped();
            return;
        }
        runtime.evaluating = true;
        workers.execute(() -> {
            try {
                evaluate(id, runtime, due);
            } catch (RuntimeException e) {
                LOG.errorf(e, "evaluating %s failed unexpectedly", id);
                runtime.failed(new Problem("EvaluationFailed", String.valueOf(e.getMessage())), due, Duration.ZERO);
            } finally {
                runtime.evaluating = false;
                wakeUp.propagateEvent(id);
            }
        });
    }

    /** The rule as the rules' informer holds it (empty before the reconciler bound the engine). */
    Optional<AlertRule> rule(ResourceID id) {
        IndexedResourceCache<AlertRule> cache = rules;
        return cache == null ? Optional.empty() : cache.get(id);
    }

    private void evaluate(ResourceID id, RuleRuntime runtime, Instant at) {
        Optional<AlertRule> found = rules.get(id);
        if (found.isEmpty()) {
            unschedule(id);
            return;
        }
        AlertRule rule = found.get();
        metrics.lag(Duration.between(at, clock.instant()));
        long started = System.nanoTime();
        try {
            var observed = evaluator.evaluate(rule.getSpec(), at);
            var step = AlertStateMachine.advance(runtime.alerts(), observed, at, AlertTiming.of(rule.getSpec()));
            Map<String, AlertState> next = new LinkedHashMap<>(step.alerts());
            reportNoData(rule, runtime.alerts(), next);
            act(rule, step.events(), next);
            Set<String> fired = step.events().stream().filter(e -> e instanceof Fired).map(e -> e.alert().fingerprint())
                    .collect(Collectors.toSet());
            StormCap storm = new StormCap(rule, next.values(), incidents, events, storms);
            List<String> failures = openAndClassify(rule, next, fired, at, storm);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.evaluated(next, at, took);
            try {
                // After the snapshot: the storm's incident, woken by its count, lists the alerts that share it now.
                storm.count(next.values());
            } catch (KubernetesClientException e) {
                failures.add("the storm's incident: " + e.getMessage());
            }
            if (failures.isEmpty()) {
                metrics.evaluated("success", took);
            } else {
                // The other alerts' incidents are open and recorded; these are tried again next tick.
                runtime.failed(new Problem("IncidentWriteFailed", "could not write the Incident of " + failures.size() + " alert(s): "
                        + String.join("; ", failures.subList(0, Math.min(3, failures.size())))), at, took);
                metrics.evaluated("incident_write_failed", took);
            }
        } catch (PrometheusException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.failed(new Problem(e.kind().reason(), e.getMessage()), at, took);
            metrics.evaluated(e.kind().metricResult(), took);
        } catch (KubernetesClientException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.failed(new Problem("IncidentWriteFailed", "could not write an Incident: " + e.getMessage()), at, took);
            metrics.evaluated("incident_write_failed", took);
        }
    }

    /**
     * An alert with an incident that lost its series (or got it back): a Warning Event on the
     * rule, and the incident told, so its timeline says why it stays open. A failed write is
     * logged; the alert's state is unaffected.
     */
    private void reportNoData(AlertRule rule, Map<String, AlertState> before, Map<String, AlertState> after) {
        for (AlertState alert : after.values()) {
            AlertState previous = before.get(alert.fingerprint());
            Instant was = previous == null ? null : previous.noDataSince();
            if (alert.incident() == null || Objects.equals(was, alert.noDataSince())) {
                continue;
            }
            if (alert.noDataSince() != null) {
                events.record(rule, EventRecorder.Type.Warning, "NoData", "alert " + alert.labels()
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
    private void act(AlertRule rule, List<Event> happened, Map<String, AlertState> next) {
        String ns = rule.getMetadata().getNamespace();
        for (Event event : happened) {
            AlertState alert = event.alert();
            if (event instanceof StoppedFiring) {
                events.record(rule, EventRecorder.Type.Normal, "AlertStoppedFiring", "alert " + alert.labels()
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
                        events.record(rule, EventRecorder.Type.Normal, "IncidentResolved", "resolved incident " + alert.incident() + ": " + reason);
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
     * when the classification gets worse.
     */
    private List<String> openAndClassify(AlertRule rule, Map<String, AlertState> alerts, Set<String> fired, Instant at, StormCap storm)
            throws PrometheusException {
        List<String> failures = new ArrayList<>();
        List<Opening> openings = new ArrayList<>();
        for (AlertState alert : List.copyOf(alerts.values())) {
            if (alert.phase() != AlertState.Phase.Firing) {
                continue;
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
        return failures;
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
        Severity severity = auto ? classifier.classify(rule.getSpec().getClassification(), alert, at)
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
                events.record(rule, EventRecorder.Type.Warning, "IncidentRecreated", "incident " + alert.incident()
                        + " was deleted while alert " + alert.labels() + " still fires: opened " + name);
            } else {
                events.record(rule, EventRecorder.Type.Normal, "IncidentOpened",
                        "alert " + alert.labels() + " fired with value " + Sample.plain(alert.value()) + ": incident " + name);
            }
        }
    }

    /** Before the operator SDK stops its caches (lower priority values observe first). */
    void shutdown(@Observes @Priority(1) ShutdownEvent event) {
        timers.shutdownNow();
        workers.shutdownNow();
        writers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
