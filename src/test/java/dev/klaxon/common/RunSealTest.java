package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.api.v1alpha1.StepStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunSealTest {

    private static final String RUN_UID = "5f0c1c5e-0000-4000-8000-000000000001";
    private static final OperatorKey KEY = new OperatorKey("an operator key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private PlaybookRunStatus status;

    @BeforeEach
    void startedRun() {
        PlaybookStep step = new PlaybookStep();
        step.setName("rollback");
        step.setImage("registry.k8s.io/kubectl:v1.34.4");
        step.setCommand(List.of("kubectl", "rollout", "undo"));
        step.setRequiresApproval(true);
        PlaybookSpec playbook = new PlaybookSpec();
        playbook.setSteps(List.of(step));
        status = new PlaybookRunStatus();
        status.setPlaybook(playbook);
        status.setPlaybookGeneration(2L);
        status.setStartedAt("2026-12-02T06:00:00Z");
        status.setPhase(PlaybookRunStatus.Phase.Running);
        status.setApprovalsBeforeStart(List.of(new StepApproval("rollback", "carol", null)));
        StepStatus step0 = new StepStatus();
        step0.setName("rollback");
        status.getSteps().add(step0);
        status.getTransitions().add(new RunTransition("2026-12-02T06:00:00Z", null, "Running", "started playbook undo", "alice"));
        status.getSteps().get(0).setPhase(StepStatus.Phase.Running);
        status.getSteps().get(0).setJob("run-rollback");
        status.getSteps().get(0).setJobUid("job-uid-1");
        status.setSeal(RunSeal.of(KEY, RUN_UID, status));
    }

    @Test
    void aStatusAsTheOperatorWroteItHoldsAlsoAfterARoundTripThroughJson() {
        PlaybookRunStatus roundTrip = JSON.unmarshal(JSON.asJson(status), PlaybookRunStatus.class);

        assertThat(RunSeal.holds(KEY, RUN_UID, roundTrip)).isTrue();
    }

    @Test
    void emptyListsAndMissingOnesSealAlike() {
        status.getPlaybook().getSteps().get(0).setArgs(List.of());
        status.getPlaybook().setSymptoms(List.of());

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isTrue();
    }

    @Test
    void whatTheStepRunsCannotBeChanged() {
        status.getPlaybook().getSteps().get(0).setImage("evil.example/miner:1");

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void theGateCannotBeDropped() {
        status.getPlaybook().getSteps().get(0).setRequiresApproval(false);

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void aStepCannotBePointedAtAnotherJob() {
        status.getSteps().get(0).setJobUid("someone-elses-job");

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void aStepCannotBeMarkedDone() {
        status.getSteps().get(0).setPhase(StepStatus.Phase.Succeeded);
        status.getSteps().get(0).setApprovedBy("bob");

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void theRecordOfMovesCannotBeRewritten() {
        status.getTransitions().get(0).setAuthor("bob");

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void approvalsGivenBeforeTheStartCannotBeWashedOut() {
        status.setApprovalsBeforeStart(null);

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void theSnapshotCannotBeDroppedToBeRetakenFromTodaysPlaybook() {
        status.setPlaybook(null);
        status.setSteps(new java.util.ArrayList<>());
        status.setStartedAt(null);

        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();
    }

    @Test
    void aSealIsNeitherAnotherRunsNorAnotherKeys() {
        assertThat(RunSeal.holds(KEY, "another-run-uid", status)).isFalse();
        OperatorKey otherKey = new OperatorKey("another key, also thirty-two bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(RunSeal.holds(otherKey, RUN_UID, status)).isFalse();
    }

    @Test
    void aStartedRunWithoutASealDoesNotHoldAndARunNotStartedNeedsNone() {
        status.setSeal(null);
        assertThat(RunSeal.holds(KEY, RUN_UID, status)).isFalse();

        assertThat(RunSeal.holds(KEY, RUN_UID, new PlaybookRunStatus())).isTrue();
    }
}
