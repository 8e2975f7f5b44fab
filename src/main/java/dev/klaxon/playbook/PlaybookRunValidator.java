package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.common.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the CRD schema cannot check about a PlaybookRun: the objects it names must exist and fit. */
public final class PlaybookRunValidator {

    private PlaybookRunValidator() {
    }

    /** Before the run starts: what it names must exist, and the playbook must be valid (approvals are checked separately). */
    public static List<Problem> validate(PlaybookRunSpec spec, Optional<Playbook> playbook, Optional<Incident> incident) {
        List<Problem> problems = new ArrayList<>();
        if (playbook.isEmpty()) {
            problems.add(new Problem(ConditionReason.PlaybookNotFound,
                    "spec.playbookRef: Playbook " + spec.getPlaybookRef() + " does not exist in this namespace"));
        } else {
            PlaybookValidator.validate(playbook.get().getSpec()).forEach(p -> problems.add(new Problem(ConditionReason.PlaybookInvalid,
                    "Playbook " + spec.getPlaybookRef() + " cannot run: " + p.message())));
        }
        if (spec.getIncidentRef() != null && incident.isEmpty()) {
            problems.add(new Problem(ConditionReason.IncidentNotFound,
                    "spec.incidentRef: Incident " + spec.getIncidentRef() + " does not exist in this namespace, or is closed and final "
                            + "(klaxon.dev/final): playbooks run for incidents still being worked on"));
        }
        return problems;
    }

    /** Approvals must name steps of the playbook the run executes. */
    public static List<Problem> validateApprovals(PlaybookRunSpec spec, PlaybookSpec playbook) {
        List<Problem> problems = new ArrayList<>();
        if (spec.getApprovals() != null) {
            Set<String> steps = playbook.getSteps().stream().map(PlaybookStep::getName).collect(Collectors.toSet());
            for (StepApproval approval : spec.getApprovals()) {
                if (!steps.contains(approval.getStep())) {
                    problems.add(new Problem(ConditionReason.UnknownStep, "spec.approvals: step " + approval.getStep()
                            + " is not a step of Playbook " + spec.getPlaybookRef()));
                }
            }
        }
        return problems;
    }
}
