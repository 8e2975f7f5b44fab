package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentFinalityTest {

    private static final Duration WINDOW = Duration.ofDays(7);

    @Test
    void aResolvedIncidentIsClosedWhenTheReopenWindowHasPassed() {
        IncidentStatus status = status(IncidentPhase.Resolved);
        status.setResolvedAt("2026-12-01T10:00:00Z");
        assertThat(IncidentFinality.closeAt(status, WINDOW)).contains(Instant.parse("2026-12-08T10:00:00Z"));
        status.setPhase(IncidentPhase.Investigating); // reopened
        assertThat(IncidentFinality.closeAt(status, WINDOW)).isEmpty();
        status.setPhase(IncidentPhase.Closed);
        assertThat(IncidentFinality.closeAt(status, WINDOW)).isEmpty();
    }

    @Test
    void onlyAClosedIncidentWithItsRunsFinishedAndItsMessagesOutIsFinished() {
        assertThat(IncidentFinality.isFinished(status(IncidentPhase.Resolved), List.of())).isFalse();
        IncidentStatus closed = status(IncidentPhase.Closed);
        assertThat(IncidentFinality.isFinished(closed, List.of())).isTrue();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(PlaybookRunStatus.Phase.Succeeded)))).isTrue();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(PlaybookRunStatus.Phase.Succeeded), run(PlaybookRunStatus.Phase.Running))))
                .as("a run still going: its moves still land in the timeline").isFalse();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(null)))).isFalse();

        NotificationRecord pending = new NotificationRecord();
        pending.setOutcome(NotificationRecord.Outcome.Pending);
        closed.getNotifications().add(pending);
        assertThat(IncidentFinality.isFinished(closed, List.of())).as("a retry still due").isFalse();
        pending.setOutcome(NotificationRecord.Outcome.Failed);
        assertThat(IncidentFinality.isFinished(closed, List.of())).isTrue();
    }

    private static IncidentStatus status(IncidentPhase phase) {
        IncidentStatus status = new IncidentStatus();
        status.setPhase(phase);
        status.setNotifications(new ArrayList<>());
        return status;
    }

    private static PlaybookRun run(PlaybookRunStatus.Phase phase) {
        PlaybookRun run = new PlaybookRun();
        if (phase != null) {
            PlaybookRunStatus status = new PlaybookRunStatus();
            status.setPhase(phase);
            run.setStatus(status);
        }
        return run;
    }
}
