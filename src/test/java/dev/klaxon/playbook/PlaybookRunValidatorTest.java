package dev.klaxon.playbook;

import static dev.klaxon.api.ManifestFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.common.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookRunValidatorTest {

    private final PlaybookRun run = example("playbookrun-rollback.yaml", PlaybookRun.class);
    private final Playbook playbook = example("playbook-api-high-error-rate.yaml", Playbook.class);
    private final Incident incident = example("incident-checkout-outage.yaml", Incident.class);

    @Test
    void aRunWhosePlaybookAndIncidentExistIsValid() {
        assertThat(PlaybookRunValidator.validate(run.getSpec(), Optional.of(playbook), Optional.of(incident))).isEmpty();
    }

    @Test
    void aMissingPlaybookIsReportedByName() {
        List<Problem> problems = PlaybookRunValidator.validate(run.getSpec(), Optional.empty(), Optional.of(incident));

        assertThat(problems).singleElement().isEqualTo(new Problem(ConditionReason.PlaybookNotFound,
                "spec.playbookRef: Playbook api-high-error-rate does not exist in this namespace"));
    }

    @Test
    void aMissingIncidentIsReportedOnlyWhenOneIsNamed() {
        assertThat(PlaybookRunValidator.validate(run.getSpec(), Optional.of(playbook), Optional.empty()))
                .extracting(Problem::reason).containsExactly(ConditionReason.IncidentNotFound);

        run.getSpec().setIncidentRef(null);
        assertThat(PlaybookRunValidator.validate(run.getSpec(), Optional.of(playbook), Optional.empty())).isEmpty();
    }

    @Test
    void anApprovalOfAStepThePlaybookDoesNotHaveIsReportedButDoesNotBlockTheRun() {
        run.getSpec().setApprovals(List.of(new StepApproval("drop-database", "alice@example.com", null)));

        assertThat(PlaybookRunValidator.validateApprovals(run.getSpec(), playbook.getSpec()))
                .extracting(Problem::reason).containsExactly(ConditionReason.UnknownStep);
        // Approvals are append-only: a typo must not keep the run from ever starting.
        assertThat(PlaybookRunValidator.validate(run.getSpec(), Optional.of(playbook), Optional.of(incident))).isEmpty();
    }
}
