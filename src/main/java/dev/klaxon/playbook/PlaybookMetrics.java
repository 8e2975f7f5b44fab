package dev.klaxon.playbook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Playbook metrics on /q/metrics: step outcomes and time spent waiting for approval, by playbook. */
@ApplicationScoped
public class PlaybookMetrics {

    private final MeterRegistry registry;

    public PlaybookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A step reached its outcome: Succeeded, Failed, RolledBack, Skipped or Cancelled. */
    void stepFinished(String playbook, String result) {
        Counter.builder("klaxon.playbook.step.outcomes").description("Playbook steps by outcome")
                .tag("playbook", playbook).tag("result", result).register(registry).increment();
    }

    void approvalWaited(String playbook, double seconds) {
        DistributionSummary.builder("klaxon.playbook.approval.wait").description("Time a gated step waited for its approval")
                .baseUnit("seconds").tag("playbook", playbook)
                .serviceLevelObjectives(60, 300, 900, 1800, 3600, 14400).register(registry).record(seconds);
    }
}
