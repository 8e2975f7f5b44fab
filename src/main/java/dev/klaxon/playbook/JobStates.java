package dev.klaxon.playbook;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/** What a Job came to, read from its conditions as the Job controller writes them. */
final class JobStates {

    private JobStates() {
    }

    static RunSequencer.JobState of(Job job) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        // SuccessCriteriaMet and FailureTarget come first (Kubernetes 1.31+): the outcome is decided,
        // the controller is only waiting for pods to terminate.
        if (isTrue(conditions, "Complete").or(() -> isTrue(conditions, "SuccessCriteriaMet")).isPresent()) {
            return RunSequencer.JobState.succeeded();
        }
        Optional<JobCondition> failed = isTrue(conditions, "Failed").or(() -> isTrue(conditions, "FailureTarget"));
        if (failed.isPresent()) {
            JobCondition condition = failed.get();
            if ("DeadlineExceeded".equals(condition.getReason())) {
                return RunSequencer.JobState.failed("timed out: still running after its timeout of "
                        + job.getSpec().getActiveDeadlineSeconds() + "s");
            }
            return RunSequencer.JobState.failed("Job " + job.getMetadata().getName() + " failed: " + condition.getReason()
                    + (condition.getMessage() != null ? " (" + condition.getMessage() + ")" : ""));
        }
        return RunSequencer.JobState.RUNNING;
    }

    private static Optional<JobCondition> isTrue(List<JobCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }
}
