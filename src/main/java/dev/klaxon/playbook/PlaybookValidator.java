package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.StepEnvVar;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the CRD schema cannot check about a Playbook. */
public final class PlaybookValidator {

    /** Step Jobs get these from the incident; a playbook must not be able to forge them. */
    static final String RESERVED_ENV_PREFIX = "KLAXON_";
    /** Alert labels are set by whoever controls a scraped target: data, never part of a command line. */
    static final String UNTRUSTED_ENV_PREFIX = "KLAXON_LABEL_";

    private PlaybookValidator() {
    }

    public static List<Problem> validate(PlaybookSpec spec) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < spec.getSteps().size(); i++) {
            PlaybookStep step = spec.getSteps().get(i);
            String at = "spec.steps[" + i + "] (" + step.getName() + ")";
            if (step.getEnv() != null) {
                for (StepEnvVar env : step.getEnv()) {
                    if (env.getName() != null && env.getName().startsWith(RESERVED_ENV_PREFIX)) {
                        problems.add(new Problem(ConditionReason.ReservedEnvVar, at + ".env " + env.getName()
                                + ": names starting with " + RESERVED_ENV_PREFIX + " are reserved for incident data"));
                    }
                    // Kubernetes would expand $(KLAXON_...) in the value, and a command may then use $(THIS)
                    // in argv: a detour around the argument check below. Values are also written literally.
                    if (env.getValue() != null && env.getValue().contains("$(" + RESERVED_ENV_PREFIX)) {
                        problems.add(new Problem(ConditionReason.UntrustedArgument, at + ".env " + env.getName()
                                + ": a value may not use $(" + RESERVED_ENV_PREFIX + "...): read incident data from the environment inside the step"));
                    }
                }
            }
            if (step.getTimeout() != null && KlaxonDurations.parse(step.getTimeout()).compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(new Problem(ConditionReason.InvalidTimeout, at + ".timeout " + step.getTimeout() + ": must be at least 1s"));
            }
            if (step.getVerification() != null && step.getVerification().getForDuration() != null && step.getTimeout() != null
                    && KlaxonDurations.parse(step.getVerification().getForDuration())
                            .compareTo(KlaxonDurations.parse(step.getTimeout())) >= 0) {
                problems.add(new Problem(ConditionReason.InvalidVerification, at + ".verification.for " + step.getVerification().getForDuration()
                        + ": must be shorter than the step's timeout " + step.getTimeout() + ", the time the condition has to hold"));
            }
            List<String> argv = new ArrayList<>();
            addAll(argv, step.getCommand());
            addAll(argv, step.getArgs());
            if (step.getRollback() != null) {
                addAll(argv, step.getRollback().getCommand());
                addAll(argv, step.getRollback().getArgs());
            }
            if (argv.stream().anyMatch(a -> a.contains("$(" + UNTRUSTED_ENV_PREFIX))) {
                problems.add(new Problem(ConditionReason.UntrustedArgument, at + ": command and args may not use $(" + UNTRUSTED_ENV_PREFIX
                        + "...): alert labels come from scraped targets; read them from the environment inside the step"));
            }
        }
        return problems;
    }

    private static void addAll(List<String> argv, List<String> items) {
        if (items != null) {
            argv.addAll(items);
        }
    }
}
