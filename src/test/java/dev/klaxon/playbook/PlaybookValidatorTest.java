package dev.klaxon.playbook;

import static dev.klaxon.api.ManifestFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.StepEnvVar;
import dev.klaxon.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookValidatorTest {

    private final Playbook playbook = example("playbook-api-high-error-rate.yaml", Playbook.class);

    @Test
    void theExamplePlaybookIsValid() {
        assertThat(PlaybookValidator.validate(playbook.getSpec())).isEmpty();
    }

    @Test
    void stepsCannotSetTheVariablesThatCarryIncidentData() {
        StepEnvVar forged = new StepEnvVar();
        forged.setName("KLAXON_SEVERITY");
        forged.setValue("SEV5");
        playbook.getSpec().getSteps().get(1).setEnv(List.of(forged));

        List<Problem> problems = PlaybookValidator.validate(playbook.getSpec());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(ConditionReason.ReservedEnvVar);
            assertThat(p.message()).contains("spec.steps[1] (rollback-deployment).env KLAXON_SEVERITY");
        });
    }

    @Test
    void aStepTimeoutBelowOneSecondIsRefused() {
        playbook.getSpec().getSteps().get(0).setTimeout("500ms");

        assertThat(PlaybookValidator.validate(playbook.getSpec())).extracting(Problem::reason).containsExactly(ConditionReason.InvalidTimeout);
    }

    @Test
    void alertLabelsCannotBeSplicedIntoACommandLine() {
        playbook.getSpec().getSteps().get(0).setCommand(java.util.List.of("sh", "-c", "kubectl cordon $(KLAXON_LABEL_NODE)"));

        assertThat(PlaybookValidator.validate(playbook.getSpec())).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(ConditionReason.UntrustedArgument);
            assertThat(p.message()).contains("spec.steps[0] (check-recent-deployments)", "$(KLAXON_LABEL_");
        });
    }

    @Test
    void incidentDataCannotBeRelayedIntoArgvThroughAStepVariable() {
        dev.klaxon.api.v1alpha1.StepEnvVar relay = new dev.klaxon.api.v1alpha1.StepEnvVar();
        relay.setName("NODE");
        relay.setValue("$(KLAXON_LABEL_NODE)");
        playbook.getSpec().getSteps().get(0).setEnv(java.util.List.of(relay));

        assertThat(PlaybookValidator.validate(playbook.getSpec())).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(ConditionReason.UntrustedArgument);
            assertThat(p.message()).contains(".env NODE", "$(KLAXON_");
        });
    }

    @Test
    void aVerificationMustBeAbleToHoldWithinTheTimeout() {
        var step = playbook.getSpec().getSteps().get(1);
        step.setTimeout("5m");
        step.getVerification().setForDuration("5m");

        assertThat(PlaybookValidator.validate(playbook.getSpec())).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(ConditionReason.InvalidVerification));
    }
}
