package dev.klaxon.alerting;

import dev.klaxon.alerting.AlertStateMachine.Fired;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.LeadershipFence;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Problem;
import dev.klaxon.incident.OpenIncidents;
import io.quarkus.arc.All;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final AlertIncidents alertIncidents;
    private final Attachments attachments = new Attachments();
    /** When this process, as the leader, started evaluating rules. */
    private volatile Instant firstScheduledAt;
    private final Map<ResourceID, Schedule> schedules = new ConcurrentHashMap<>();
    private final Map<ResourceID, RuleRuntime> runtimes = new ConcurrentHashMap<>();
    private final LeadershipFence leadership;
    private volatile boolean skippingForLeadership;
    private volatile IndexedResourceCache<AlertRule> rules;
    private volatile SimpleInboundEventSource<AlertRule> wakeUp;

    public AlertEngine(Clock clock, KlaxonConfig config, PrometheusClient prometheus, KubernetesClient client, EventRecorder events,
            MeterRegistry registry, OperatorKey key, LeadershipFence leadership, @All List<Suppressions> suppressions, OpenIncidents openIncidents) {
        this.clock = clock;
        this.leadership = leadership;
        this.queries = new SharedQueries(prometheus, config.evaluation().maxConcurrentQueries());
        this.evaluator = new RuleEvaluator(queries);
        this.classifier = new AlertClassifier(queries);
        this.incidents = new IncidentWriter(client, key);
        this.events = events;
        this.workers = Executors.newFixedThreadPool(config.evaluation().workers(), r -> daemon(r, "klaxon-rule-evaluation"));
        this.metrics = new AlertingMetrics(registry, runtimes);
        this.alertIncidents = new AlertIncidents(incidents, classifier, events, metrics, config.evaluation().incidentWriters(), suppressions,
                openIncidents);
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
        if (firstScheduledAt == null) {
            firstScheduledAt = clock.instant();
        }
        runtimes.computeIfAbsent(id, k -> {
            RuleRuntime runtime = new RuleRuntime(RuleRestore.alerts(rule, incidents.openIncidentsOf(rule)));
            metrics.track(k, runtime);
            // Alerts a previous operator had attached to an incident are listed on it again before the first evaluation.
            attachments.evaluated(k, runtime.snapshot().alerts().values());
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
        alertIncidents.forget(id);
        attachments.forget(id);
        metrics.untrack(id);
    }

    Optional<RuleRuntime.Snapshot> snapshot(ResourceID id) {
        return Optional.ofNullable(runtimes.get(id)).map(RuleRuntime::snapshot);
    }

    /**
     * Whether every rule has surely been scheduled since this process started evaluating: until
     * then, that no alert is attached to an incident is not known (a restart must not wipe the
     * incidents' lists).
     */
    boolean settled() {
        Instant first = firstScheduledAt;
        return first != null && first.plus(SETTLING).isBefore(clock.instant());
    }

    /** How long after the first rule is scheduled all of them are. */
    private static final Duration SETTLING = Duration.ofSeconds(30);

    /** Which rules have alerts attached to which incidents. */
    Attachments attachments() {
        return attachments;
    }

    /** One extra evaluation of the rule now (an incident its alerts are attached to resolved). */
    void evaluateSoon(ResourceID id) {
        evaluateAt(id, clock.instant());
    }

    /** One extra evaluation of the rule just after {@code when} (on its own interval's alignment otherwise). */
    private void evaluateAt(ResourceID id, Instant when) {
        Schedule schedule = schedules.get(id);
        if (schedule == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis()) + 200;
        if (delay < schedule.interval().toMillis()) {
            timers.schedule(() -> tick(id, schedule.interval().toMillis()), delay, TimeUnit.MILLISECONDS);
        }
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
                runtime.failed(new Problem(ConditionReason.EvaluationFailed, String.valueOf(e.getMessage())), due, Duration.ZERO);
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
            var observed = evaluator.evaluate(rule.getMetadata().getNamespace(), rule.getSpec(), at);
            var step = AlertStateMachine.advance(runtime.alerts(), observed, at, AlertTiming.of(rule.getSpec()));
            Map<String, AlertState> next = new LinkedHashMap<>(step.alerts());
            alertIncidents.reportNoData(rule, runtime.alerts(), next);
            alertIncidents.resolveDone(rule, step.events(), next);
            Set<String> fired = step.events().stream().filter(e -> e instanceof Fired).map(e -> e.alert().fingerprint())
                    .collect(Collectors.toSet());
            StormCap storm = alertIncidents.stormCap(rule, next.values());
            AlertIncidents.Openings openings = alertIncidents.openAndClassify(rule, next, fired, at, storm);
            List<String> failures = openings.failures();
            // A window that holds alerts back ends: evaluate then, not up to an interval later (their incidents open at once).
            openings.heldUntil().ifPresent(until -> evaluateAt(id, until));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.evaluated(next, at, took);
            attachments.evaluated(id, next.values());
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
                runtime.failed(new Problem(ConditionReason.IncidentWriteFailed, "could not write the Incident of " + failures.size() + " alert(s): "
                        + String.join("; ", failures.subList(0, Math.min(3, failures.size())))), at, took);
                metrics.evaluated("incident_write_failed", took);
            }
        } catch (PrometheusException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.failed(new Problem(e.kind().reason(), e.getMessage()), at, took);
            metrics.evaluated(e.kind().metricResult(), took);
        } catch (KubernetesClientException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runtime.failed(new Problem(ConditionReason.IncidentWriteFailed, "could not write an Incident: " + e.getMessage()), at, took);
            metrics.evaluated("incident_write_failed", took);
        }
    }

    /** Before the operator SDK stops its caches (lower priority values observe first). */
    void shutdown(@Observes @Priority(1) ShutdownEvent event) {
        timers.shutdownNow();
        workers.shutdownNow();
        alertIncidents.shutdown();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
