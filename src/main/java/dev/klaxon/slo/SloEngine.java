package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeadershipFence;
import dev.klaxon.common.Problem;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.PrometheusException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Evaluates every valid objective every {@code klaxon.slo.interval}, on threads of its own (never
 * in a reconcile), and wakes the reconciler with each result. An objective still evaluating when
 * its next tick comes skips that tick (each query is bounded by klaxon.prometheus.timeout), and
 * reading 30 days of hours back that fails is tried again only every few minutes.
 */
@ApplicationScoped
public class SloEngine {

    private static final Logger LOG = Logger.getLogger(SloEngine.class);

    /**
     * The last evaluation of an objective: its budget, or why there is none. {@code fresh}: the
     * budget was evaluated at {@code at} (not one kept on show from before a failure). It is of the
     * objective with that uid at that generation only: an edit makes it stale. {@code partial}: the
     * hours of the long windows were not known, so the ticket alerts and the budget were not evaluated.
     * {@code days}: the SLI of past days, when evaluated.
     */
    record Outcome(Optional<ErrorBudget> budget, Optional<Problem> problem, Instant at, boolean fresh, boolean partial, String uid,
            Long generation, Optional<Days> days) {

        boolean isOf(ServiceLevelObjective slo) {
            return java.util.Objects.equals(uid, slo.getMetadata().getUid()) && java.util.Objects.equals(generation, slo.getMetadata().getGeneration());
        }
    }

    /**
     * The SLI of each past day, newest first, the first being {@code through}'s (none yet: empty,
     * and no day), counted with the queries of {@code digest}.
     */
    record Days(java.util.List<Double> sli, Optional<java.time.LocalDate> through, String digest) {
    }

    private static final class Runtime {
        final ScheduledFuture<?> timer;
        volatile SloEvaluator.Memory memory;
        /** The generation an extra evaluation was last asked for: one per edit. */
        volatile Long soonFor;
        volatile Outcome outcome;
        volatile boolean evaluating;

        Runtime(ScheduledFuture<?> timer) {
            this.timer = timer;
        }
    }

    private final Clock clock;
    private final Duration interval;
    private final SloEvaluator evaluator;
    private final SloMetrics metrics;
    private final LeadershipFence leadership;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "klaxon-slo-timer"));
    private final ExecutorService workers;
    private final Map<ResourceID, Runtime> runtimes = new ConcurrentHashMap<>();
    private volatile IndexedResourceCache<ServiceLevelObjective> objectives;
    private volatile SimpleInboundEventSource<ServiceLevelObjective> wakeUp;

    public SloEngine(Clock clock, KlaxonConfig config, PrometheusClient prometheus, SloMetrics metrics, LeadershipFence leadership) {
        this.clock = clock;
        this.interval = config.slo().interval();
        this.metrics = metrics;
        this.leadership = leadership;
        this.workers = Executors.newFixedThreadPool(config.slo().workers(), r -> daemon(r, "klaxon-slo-evaluation"));
        this.evaluator = new SloEvaluator(new SloEvaluator.Prometheus() {
            @Override
            public java.util.List<dev.klaxon.prometheus.Sample> query(String namespace, String promql, Instant at) throws PrometheusException {
                return prometheus.forNamespace(namespace).query(promql, at);
            }

            @Override
            public java.util.List<PrometheusClient.Series> queryRange(String namespace, String promql, Instant start, Instant end, Duration step)
                    throws PrometheusException {
                return prometheus.queryRange(namespace, promql, start, end, step);
            }
        });
    }

    /** Called once by the reconciler: where to read objectives from, and how to wake it with results. */
    void bind(IndexedResourceCache<ServiceLevelObjective> objectives, SimpleInboundEventSource<ServiceLevelObjective> wakeUp) {
        this.objectives = objectives;
        this.wakeUp = wakeUp;
    }

    /** Evaluates the objective from now on, at once and then aligned to the interval. */
    void schedule(ResourceID id) {
        boolean[] added = {false};
        runtimes.computeIfAbsent(id, k -> {
            added[0] = true;
            long period = interval.toMillis();
            long delay = period - Math.floorMod(clock.millis(), period);
            return new Runtime(timers.scheduleAtFixedRate(() -> tick(k), delay, period, TimeUnit.MILLISECONDS));
        });
        if (added[0]) {
            timers.execute(() -> tick(id));
        }
    }

    /** Stops evaluating it (invalid or deleted): its hours are forgotten. */
    void unschedule(ResourceID id) {
        Runtime runtime = runtimes.remove(id);
        if (runtime != null) {
            runtime.timer.cancel(false);
        }
        metrics.forget(id);
    }

    Duration interval() {
        return interval;
    }

    Optional<Outcome> outcome(ResourceID id) {
        return Optional.ofNullable(runtimes.get(id)).map(r -> r.outcome);
    }

    /** One extra evaluation now, once per generation (the objective changed): skipped if one is under way. */
    void evaluateSoon(ResourceID id, Long generation) {
        Runtime runtime = runtimes.get(id);
        if (runtime != null && !java.util.Objects.equals(runtime.soonFor, generation)) {
            runtime.soonFor = generation;
            timers.execute(() -> tick(id));
        }
    }

    private void tick(ResourceID id) {
        Runtime runtime = runtimes.get(id);
        if (runtime == null || runtime.evaluating || !leadership.isHeld()) {
            return;
        }
        runtime.evaluating = true;
        Instant at = clock.instant();
        workers.execute(() -> {
            try {
                runtime.outcome = evaluate(id, runtime, at);
            } finally {
                runtime.evaluating = false;
                if (runtimes.get(id) == runtime) {
                    wakeUp.propagateEvent(id);
                }
            }
        });
    }

    private Outcome evaluate(ResourceID id, Runtime runtime, Instant at) {
        Optional<ServiceLevelObjective> found = objectives.get(id);
        if (found.isEmpty() || found.get().getSpec() == null) {
            unschedule(id);
            return runtime.outcome;
        }
        ServiceLevelObjective slo = found.get();
        String uid = slo.getMetadata().getUid();
        Long generation = slo.getMetadata().getGeneration();
        try {
            return evaluate(id, runtime, slo, at);
        } catch (RuntimeException e) {
            // Of this generation, so the reconciler shows it (and asks for no extra evaluation: none would do better).
            LOG.errorf(e, "evaluating %s failed unexpectedly", id);
            Optional<ErrorBudget> last = runtime.outcome == null ? Optional.empty() : runtime.outcome.budget();
            return new Outcome(last, Optional.of(new Problem(ConditionReason.EvaluationFailed, String.valueOf(e.getMessage()))), at, false, false,
                    uid, generation, Optional.empty());
        }
    }

    private Outcome evaluate(ResourceID id, Runtime runtime, ServiceLevelObjective slo, Instant at) {
        String uid = slo.getMetadata().getUid();
        Long generation = slo.getMetadata().getGeneration();
        SloAlerting alerting = SloAlerting.of(slo.getSpec());
        Duration longest = SloEvaluator.longest(slo.getSpec(), alerting);
        // The hours counted are of this object's queries only: a namesake recreated, or another SLI, starts afresh.
        SliQueries queries = new SliQueries(slo.getSpec().getSli());
        String identity = uid + "\n" + queries.identity();
        String digest = DailySli.digest(queries);
        // After a restart, the days already read come from the status: only those that ended meanwhile are read again.
        runtime.memory = runtime.memory == null ? new SloEvaluator.Memory(identity, longest, DailySli.fromStatus(slo.getStatus(), digest))
                : runtime.memory.forQueries(identity, longest);
        long started = System.nanoTime();
        try {
            SloEvaluator.Evaluation evaluation = evaluator.evaluate(id.getNamespace().orElseThrow(), slo.getSpec(), queries, alerting, runtime.memory, at);
            metrics.evaluated(id, slo, alerting.windows(), evaluation.budget(), "success", Duration.ofNanos(System.nanoTime() - started));
            if (runtimes.get(id) != runtime) {
                // Unscheduled meanwhile: its series must not come back and stay.
                metrics.forget(id);
            }
            // Only the status page's bars wait for the days: said in the log (once per try), not on the objective.
            evaluation.daysFailure().ifPresent(e -> LOG.warnf("reading the past days of %s failed, tried again in %dm: %s", id,
                    SloEvaluator.HISTORY_RETRY.toMinutes(), e.getMessage()));
            Optional<Days> days = Optional.of(new Days(evaluation.dailySli(), evaluation.dailySliThrough(), digest));
            return new Outcome(Optional.of(evaluation.budget()), evaluation.historyFailure()
                    .map(e -> new Problem(e.kind().reason(), "the hours of the long windows (1d and more) could not be read, tried again every "
                            + SloEvaluator.HISTORY_RETRY.toMinutes() + "m: " + e.getMessage())), at, true, !evaluation.hoursKnown(), uid, generation,
                    days);
        } catch (PrometheusException e) {
            metrics.failed(e.kind().metricResult(), Duration.ofNanos(System.nanoTime() - started));
            // The last budget stays on show (not fresh); nothing opens or resolves on a failed evaluation.
            Optional<ErrorBudget> last = runtime.outcome == null ? Optional.empty() : runtime.outcome.budget();
            return new Outcome(last, Optional.of(new Problem(e.kind().reason(), e.getMessage())), at, false, false, uid, generation,
                    Optional.empty());
        }
    }

    /** Before the operator SDK stops its caches (lower priority values observe first). */
    void shutdown(@Observes @Priority(1) ShutdownEvent event) {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
