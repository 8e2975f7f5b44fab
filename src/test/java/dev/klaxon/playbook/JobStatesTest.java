package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class JobStatesTest {

    private static Job job(String type, String reason) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName("run-a").endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(30L).endSpec();
        if (type != null) {
            builder.withNewStatus().addNewCondition().withType(type).withStatus("True").withReason(reason)
                    .withMessage("details").endCondition().endStatus();
        }
        return builder.build();
    }

    @Test
    void aJobWithoutAFinalConditionIsRunning() {
        assertThat(JobStates.of(job(null, null)).outcome()).isEqualTo(RunSequencer.JobState.Outcome.RUNNING);
        assertThat(JobStates.of(job("Suspended", null)).outcome()).isEqualTo(RunSequencer.JobState.Outcome.RUNNING);
    }

    @Test
    void completeOrSuccessCriteriaMetIsSuccess() {
        assertThat(JobStates.of(job("Complete", null)).outcome()).isEqualTo(RunSequencer.JobState.Outcome.SUCCEEDED);
        assertThat(JobStates.of(job("SuccessCriteriaMet", null)).outcome()).isEqualTo(RunSequencer.JobState.Outcome.SUCCEEDED);
    }

    @Test
    void aDeadlineExceededJobTimedOut() {
        RunSequencer.JobState state = JobStates.of(job("Failed", "DeadlineExceeded"));
        assertThat(state.outcome()).isEqualTo(RunSequencer.JobState.Outcome.FAILED);
        assertThat(state.message()).isEqualTo("timed out: still running after its timeout of 30s");
    }

    @Test
    void otherFailuresSayWhy() {
        RunSequencer.JobState state = JobStates.of(job("FailureTarget", "BackoffLimitExceeded"));
        assertThat(state.outcome()).isEqualTo(RunSequencer.JobState.Outcome.FAILED);
        assertThat(state.message()).contains("run-a", "BackoffLimitExceeded", "details");
    }

    @Test
    void aFalseConditionDecidesNothing() {
        Job job = new JobBuilder(job(null, null)).withNewStatus().addNewCondition().withType("Failed").withStatus("False").endCondition()
                .endStatus().build();
        assertThat(JobStates.of(job).outcome()).isEqualTo(RunSequencer.JobState.Outcome.RUNNING);
    }
}
