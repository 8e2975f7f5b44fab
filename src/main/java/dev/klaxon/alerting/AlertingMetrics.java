package dev.klaxon.alerting;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/** Rule evaluation metrics on /q/metrics. */
final class AlertingMetrics {

    private final MeterRegistry registry;
    private final Timer lag;
    private final Map<ResourceID, Gauge> lastEvaluations = new java.util.concurrent.ConcurrentHashMap<>();

    AlertingMetrics(MeterRegistry registry, Map<ResourceID, RuleRuntime> runtimes) {
        this.registry = registry;
        this.lag = Timer.builder("klaxon.rule.evaluation.lag")
                .description("How late an evaluation started after its scheduled instant")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(registry);
        for (AlertState.Phase phase : AlertState.Phase.values()) {
            Gauge.builder("klaxon.alerts", runtimes, r -> r.values().stream()
                            .mapToLong(rt -> rt.alerts().values().stream().filter(a -> a.phase() == phase).count()).sum())
                    .description("Active alerts by state").tag("state", phase.name())
                    .register(registry);
        }
        // At zero from the start, so a dashboard shows 0, not "No data", before the first alert.
        for (String action : new String[] {"opened", "resolved"}) {
            Counter.builder("klaxon.alert.incidents").description("Incidents opened and resolved by alerts").tag("action", action)
                    .register(registry);
        }
    }

    /**
     * When the rule was last evaluated (seconds since the epoch), per rule: the heartbeat that
     * status no longer carries on every evaluation (like Prometheus's
     * prometheus_rule_group_last_evaluation_timestamp_seconds).
     */
    void track(ResourceID rule, RuleRuntime runtime) {
        lastEvaluations.computeIfAbsent(rule, id -> Gauge.builder("klaxon.rule.last.evaluation.timestamp", runtime, rt -> {
                    java.time.Instant last = rt.snapshot().lastEvaluation();
                    return last == null ? Double.NaN : last.toEpochMilli() / 1000.0;
                })
                .description("When the rule was last evaluated, in seconds since the epoch").baseUnit("seconds")
                .tag("namespace", id.getNamespace().orElse("")).tag("rule", id.getName())
                .register(registry));
    }

    void untrack(ResourceID rule) {
        Gauge gauge = lastEvaluations.remove(rule);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    void evaluated(String result, Duration took) {
        Counter.builder("klaxon.rule.evaluations").description("Rule evaluations by result").tag("result", result)
                .register(registry).increment();
        Timer.builder("klaxon.rule.evaluation.duration").description("Time to evaluate one rule, queries included")
                .tag("result", result).publishPercentileHistogram().register(registry).record(took);
    }

    void skipped() {
        evaluated("skipped_still_running", Duration.ZERO);
    }

    void lag(Duration late) {
        lag.record(late.isNegative() ? Duration.ZERO : late);
    }

    void incident(String action) {
        Counter.builder("klaxon.alert.incidents").description("Incidents opened and resolved by alerts").tag("action", action)
                .register(registry).increment();
    }
}
