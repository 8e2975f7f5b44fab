package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the CRD schema cannot check about an AlertRule. */
public final class AlertRuleValidator {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private AlertRuleValidator() {
    }

    public static List<Problem> validate(AlertRuleSpec spec, Optional<Playbook> playbook) {
        List<Problem> problems = new ArrayList<>();
        if (KlaxonDurations.parse(spec.getInterval()).compareTo(MIN_INTERVAL) < 0) {
            problems.add(new Problem(ConditionReason.InvalidInterval, "spec.interval " + spec.getInterval() + ": must be at least 1s"));
        }
        for (int i = 0; i < spec.getConditions().size(); i++) {
            var condition = spec.getConditions().get(i);
            if (condition.getWindow() != null && KlaxonDurations.parse(condition.getWindow()).isZero()) {
                problems.add(new Problem(ConditionReason.InvalidWindow, "spec.conditions[" + i + "].window: must be longer than 0s"));
            }
        }
        String playbookRef = spec.getIncident() != null ? spec.getIncident().getPlaybookRef() : null;
        if (playbookRef != null && playbook.isEmpty()) {
            problems.add(new Problem(ConditionReason.PlaybookNotFound,
                    "spec.incident.playbookRef: Playbook " + playbookRef + " does not exist in this namespace"));
        }
        return problems;
    }
}
