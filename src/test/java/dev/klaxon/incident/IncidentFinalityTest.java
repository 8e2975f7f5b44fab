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

    private static final Instant LATER = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void onlyAClosedIncidentWithItsRunsFinishedAndItsMessagesOutIsFinished() {
        assertThat(IncidentFinality.isFinished(status(IncidentPhase.Resolved), List.of(), false, LATER)).isFalse();
        IncidentStatus closed = status(IncidentPhase.Closed);
        assertThat(IncidentFinality.isFinished(closed, List.of(), false, LATER)).isTrue();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(PlaybookRunStatus.Phase.Succeeded)), false, LATER)).isTrue();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(PlaybookRunStatus.Phase.Succeeded), run(PlaybookRunStatus.Phase.Running)), false, LATER))
                .as("a run still going: its moves still land in the timeline").isFalse();
        assertThat(IncidentFinality.isFinished(closed, List.of(run(null)), false, LATER)).isFalse();

        NotificationRecord pending = new NotificationRecord();
        pending.setOutcome(NotificationRecord.Outcome.Pending);
        closed.getNotifications().add(pending);
        assertThat(IncidentFinality.isFinished(closed, List.of(), false, LATER)).as("a retry still due").isFalse();
        pending.setOutcome(NotificationRecord.Outcome.Failed);
        assertThat(IncidentFinality.isFinished(closed, List.of(), false, LATER)).isTrue();
    }

    @Test
    void anIncidentClosedWithinItsRulesBudgetHourStaysCountedUntilTheHourIsOver() {
        IncidentStatus closed = status(IncidentPhase.Closed);
        closed.setDetectedAt("2026-12-04T10:00:00Z");
        closed.setAutoRunStartedAt("2026-12-04T10:20:00Z");
        assertThat(IncidentFinality.countedUntil(closed)).isEqualTo(Instant.parse("2026-12-04T11:20:00Z"));
        assertThat(IncidentFinality.isFinished(closed, List.of(), true, Instant.parse("2026-12-04T11:19:59Z"))).isFalse();
        assertThat(IncidentFinality.isFinished(closed, List.of(), true, Instant.parse("2026-12-04T11:20:00Z"))).isTrue();
        assertThat(IncidentFinality.isFinished(closed, List.of(), false, Instant.parse("2026-12-04T10:30:00Z")))
                .as("a declared incident counts in no rule's budget").isTrue();
    }

    @Test
    void aRunIsDoneWithOnceItsEveryMoveIsInTheTimeline() {
        IncidentStatus status = status(IncidentPhase.Investigating);
        PlaybookRun run = run(PlaybookRunStatus.Phase.Succeeded);
        run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("r").withUid("u").build());
        run.getStatus().setTransitions(new ArrayList<>(List.of(new dev.klaxon.api.v1alpha1.RunTransition(), new dev.klaxon.api.v1alpha1.RunTransition())));
        dev.klaxon.api.v1alpha1.PlaybookRunSummary summary = new dev.klaxon.api.v1alpha1.PlaybookRunSummary();
        summary.setName("r");
        summary.setUid("u");
        summary.setRecordedTransitions(1);
        status.setPlaybookRuns(new ArrayList<>(List.of(summary)));
        assertThat(IncidentFinality.isRecorded(status, run)).as("its last move is not in the timeline yet").isFalse();
        summary.setRecordedTransitions(2);
        assertThat(IncidentFinality.isRecorded(status, run)).isTrue();
        run.getStatus().setPhase(PlaybookRunStatus.Phase.Running);
        assertThat(IncidentFinality.isRecorded(status, run)).isFalse();
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
