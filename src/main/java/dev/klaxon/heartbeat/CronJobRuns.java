package dev.klaxon.heartbeat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.klaxon.common.Text;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a CronJob says about its runs: when one last succeeded, and what became of a run that did not. */
final class CronJobRuns {

    private CronJobRuns() {
    }

    static Optional<Instant> lastSuccess(CronJob cronJob) {
        return Optional.ofNullable(cronJob.getStatus()).map(s -> s.getLastSuccessfulTime()).flatMap(Timestamps::parseWritten);
    }

    /** The verdict on the CronJob's runs; a run owed before the heartbeat or the CronJob existed is not owed. */
    static HeartbeatVerdict verdict(KubernetesClient client, CronJob cronJob, Instant heartbeatCreated, Duration grace, Instant now)
            throws CronSchedule.Invalid {
        CronSchedule schedule = CronSchedule.parse(cronJob.getSpec().getSchedule(), cronJob.getSpec().getTimeZone());
        Instant created = Timestamps.parse(cronJob.getMetadata().getCreationTimestamp());
        Instant since = created.isAfter(heartbeatCreated) ? created : heartbeatCreated;
        return HeartbeatVerdict.ofCronJob(schedule, lastSuccess(cronJob), since, grace, Boolean.TRUE.equals(cronJob.getSpec().getSuspend()),
                scheduled -> runOf(client, cronJob, scheduled), now);
    }

    /**
     * What the run scheduled at {@code scheduled} came to: the CronJob controller names its Job
     * {@code <cronjob>-<minutes since the epoch>}, so it is one read, when it is owed and missing.
     */
    private static Optional<String> runOf(KubernetesClient client, CronJob cronJob, Instant scheduled) {
        String name = cronJob.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
        Job job = client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).withName(name).get();
        if (job == null) {
            return Optional.of("no Job " + name + " was created for it (the CronJob controller missed it, or startingDeadlineSeconds passed)");
        }
        if (job.getStatus() != null && job.getStatus().getConditions() != null) {
            for (JobCondition condition : job.getStatus().getConditions()) {
                if ("Failed".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                    return Optional.of("Job " + name + " failed: " + condition.getReason()
                            + (condition.getMessage() == null ? "" : " (" + Text.cut(condition.getMessage(), 512) + ")"));
                }
            }
        }
        return Optional.of("Job " + name + " has not finished");
    }
}
