package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.common.KlaxonDurations;
import java.time.Duration;

/** The timers of a rule: pending time, flap guard, auto-resolve. */
public record AlertTiming(Duration forDuration, Duration keepFiringFor, boolean autoResolve, Duration autoResolveAfter,
                          AlertRuleSpec.NoData noData) {

    public AlertTiming(Duration forDuration, Duration keepFiringFor, boolean autoResolve, Duration autoResolveAfter) {
        this(forDuration, keepFiringFor, autoResolve, autoResolveAfter, AlertRuleSpec.NoData.Keep);
    }

    public static AlertTiming of(AlertRuleSpec spec) {
        var autoResolve = spec.getAutoResolve();
        boolean enabled = autoResolve == null || autoResolve.getEnabled() == null || autoResolve.getEnabled();
        String after = autoResolve == null || autoResolve.getAfter() == null ? "5m" : autoResolve.getAfter();
        return new AlertTiming(optional(spec.getForDuration()), optional(spec.getKeepFiringFor()), enabled, KlaxonDurations.parse(after),
                spec.getNoData() == null ? AlertRuleSpec.NoData.Keep : spec.getNoData());
    }

    private static Duration optional(String duration) {
        return duration == null ? Duration.ZERO : KlaxonDurations.parse(duration);
    }
}
