package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every evaluation of every objective, on /q/metrics: klaxon_slo_sli_ratio,
 * klaxon_slo_objective_ratio, klaxon_slo_error_budget_remaining_ratio and
 * klaxon_slo_burn_rate{window} per objective (the status holds them rounded, written on change),
 * with evaluation counts and durations. An objective's series go with it.
 */
@ApplicationScoped
public class SloMetrics {

    private record Figures(double sli, double objective, double remaining, java.util.Set<Duration> windows, Map<Duration, Double> burnRates) {
    }

    private final MeterRegistry registry;
    private final Map<ResourceID, AtomicReference<Figures>> figures = new ConcurrentHashMap<>();
    private final Map<ResourceID, List<Meter>> meters = new ConcurrentHashMap<>();

    public SloMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records an evaluation; {@code windows} are the alerts' (a burn-rate series each, NaN while one has no events). */
    synchronized void evaluated(ResourceID id, ServiceLevelObjective slo, java.util.Set<Duration> windows, ErrorBudget budget, String result, Duration took) {
        record(result, took);
        Figures next = new Figures(budget.sli().orElse(Double.NaN), slo.getSpec().getObjective() / 100,
                budget.remaining().orElse(Double.NaN), windows, budget.burnRates().byWindow());
        AtomicReference<Figures> current = figures.computeIfAbsent(id, k -> new AtomicReference<>(next));
        Figures previous = current.getAndSet(next);
        if (!meters.containsKey(id) || !previous.windows().equals(windows)) {
            register(id, current, windows);
        }
    }

    void failed(String result, Duration took) {
        record(result, took);
    }

    /** Drops the objective's series. */
    synchronized void forget(ResourceID id) {
        figures.remove(id);
        List<Meter> gone = meters.remove(id);
        if (gone != null) {
            gone.forEach(registry::remove);
        }
    }

    private void register(ResourceID id, AtomicReference<Figures> current, Iterable<Duration> windows) {
        List<Meter> old = meters.remove(id);
        if (old != null) {
            old.forEach(registry::remove);
        }
        Tags tags = Tags.of("namespace", id.getNamespace().orElse(""), "slo", id.getName());
        List<Meter> registered = new ArrayList<>();
        registered.add(Gauge.builder("klaxon.slo.sli.ratio", current, c -> c.get().sli())
                .description("The share of good events over the objective's window").tags(tags).register(registry));
        registered.add(Gauge.builder("klaxon.slo.objective.ratio", current, c -> c.get().objective())
                .description("The objective, as a share of good events").tags(tags).register(registry));
        registered.add(Gauge.builder("klaxon.slo.error.budget.remaining.ratio", current, c -> c.get().remaining())
                .description("The share of the window's error budget left (below 0: the objective is missed)").tags(tags).register(registry));
        for (Duration window : windows) {
            registered.add(Gauge.builder("klaxon.slo.burn.rate", current, c -> c.get().burnRates().getOrDefault(window, Double.NaN))
                    .description("How many times faster than sustainable the budget burns over the window")
                    .tags(tags.and("window", SloAlerting.words(window))).register(registry));
        }
        meters.put(id, registered);
    }

    private void record(String result, Duration took) {
        Counter.builder("klaxon.slo.evaluations").description("Objective evaluations by result").tag("result", result).register(registry).increment();
        Timer.builder("klaxon.slo.evaluation.duration").description("Time to evaluate one objective, queries included").tag("result", result)
                .register(registry).record(took);
    }
}
