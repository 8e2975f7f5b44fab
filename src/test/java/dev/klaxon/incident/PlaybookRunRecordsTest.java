package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookRunRecordsTest {

    private static PlaybookRun run(String name, String created, RunTransition... moves) {
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setName(name);
        run.getMetadata().setCreationTimestamp(created);
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef("restart-api");
        run.setSpec(spec);
        PlaybookRunStatus status = new PlaybookRunStatus();
        status.setPhase(PlaybookRunStatus.Phase.Running);
        status.setTransitions(new ArrayList<>(List.of(moves)));
        run.setStatus(status);
        return run;
    }

    private static RunTransition move(String step, String phase, String author) {
        return new RunTransition("2026-11-26T10:00:00Z", step, phase, "did " + phase, author);
    }

    @Test
    void eachMoveLandsInTheTimelineExactlyOnce() {
        IncidentStatus status = new IncidentStatus();
        PlaybookRun run = run("r1", "2026-11-26T10:00:00Z", move(null, "Running", "alice"), move("a", "Running", "klaxon"));

        PlaybookRunRecords.record(status, List.of(run));
        PlaybookRunRecords.record(status, List.of(run));
        run.getStatus().getTransitions().add(move("a", "Failed", "klaxon"));
        PlaybookRunRecords.record(status, List.of(run));

        assertThat(status.getTimeline()).extracting(TimelineEntry::getType)
                .containsExactly("PlaybookRunRunning", "StepRunning", "StepFailed");
        assertThat(status.getTimeline().get(0).getAuthor()).isEqualTo("alice");
        assertThat(status.getTimeline().get(2).getMessage()).isEqualTo("Playbook restart-api (run r1), step a: did Failed");
        assertThat(status.getPlaybookRuns()).singleElement().satisfies(s -> {
            assertThat(s.getRecordedTransitions()).isEqualTo(3);
            assertThat(s.getPhase()).isEqualTo("Running");
        });
    }

    @Test
    void runsAreListedOldestFirstAndADeletedRunStaysOnRecord() {
        IncidentStatus status = new IncidentStatus();
        PlaybookRunRecords.record(status, List.of(run("newer", "2026-11-26T11:00:00Z"), run("older", "2026-11-26T10:00:00Z")));
        PlaybookRunRecords.record(status, List.of(run("newer", "2026-11-26T11:00:00Z")));

        assertThat(status.getPlaybookRuns()).extracting(s -> s.getName()).containsExactly("older", "newer");
    }

    private static PlaybookRun longNamed(int i) {
        String name = String.format("%05d-", i) + "r".repeat(247);
        PlaybookRun run = run(name, String.format("2026-11-26T10:%02d:%02dZ", i / 60 % 60, i % 60));
        run.getMetadata().setUid("uid-" + i);
        run.getSpec().setPlaybookRef("p".repeat(253));
        return run;
    }

    /** Runs with the longest names, one a second. */
    private static List<PlaybookRun> longNamedRuns(int count) {
        List<PlaybookRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(longNamed(i));
        }
        return runs;
    }

    @Test
    void twentyThousandRunsNamingOneIncidentStayWithinTheByteBudgetAndAreCounted() throws Exception {
        IncidentStatus status = new IncidentStatus();
        List<PlaybookRun> runs = longNamedRuns(20_000);

        PlaybookRunRecords.record(status, runs);

        int listed = status.getPlaybookRuns().size();
        assertThat(new ObjectMapper().writeValueAsBytes(status.getPlaybookRuns()).length).isLessThanOrEqualTo(PlaybookRunRecords.MAX_LISTED_BYTES);
        assertThat(listed).isGreaterThan(100);
        assertThat(status.getPlaybookRunsNotListed()).isEqualTo(20_000 - listed);
        assertThat(status.getPlaybookRuns().get(0).getName()).startsWith("00000-");
    }

    @Test
    void aListedRunStaysListedAndItsMovesLandOnceWhileTheListIsFull() {
        IncidentStatus status = new IncidentStatus();
        List<PlaybookRun> runs = longNamedRuns(2_000);
        PlaybookRun first = runs.get(0);
        first.getStatus().getTransitions().add(move(null, "Running", "alice"));

        PlaybookRunRecords.record(status, runs);
        first.getStatus().getTransitions().add(move("a", "Succeeded", "klaxon"));
        PlaybookRunRecords.record(status, runs);

        assertThat(status.getTimeline()).extracting(TimelineEntry::getType).containsExactly("PlaybookRunRunning", "StepSucceeded");
    }

    @Test
    void runsThatNoLongerExistMakeRoomForNewOnes() {
        IncidentStatus status = new IncidentStatus();
        List<PlaybookRun> runs = longNamedRuns(2_000);
        PlaybookRunRecords.record(status, runs);
        int listed = status.getPlaybookRuns().size();
        PlaybookRun late = longNamed(5_000);

        PlaybookRunRecords.record(status, List.of(runs.get(1), late));

        assertThat(status.getPlaybookRuns()).extracting(s -> s.getName()).contains(runs.get(1).getMetadata().getName(), late.getMetadata().getName());
        assertThat(status.getPlaybookRuns().size()).isLessThanOrEqualTo(listed);
        assertThat(status.getPlaybookRunsNotListed()).isNull();
    }

    @Test
    void aFinishedRunPastTheBudgetCountsAsRecordedSoItDoesNotStayOpenForEver() {
        IncidentStatus status = new IncidentStatus();
        List<PlaybookRun> runs = longNamedRuns(2_000);
        PlaybookRun last = runs.get(runs.size() - 1);
        last.getStatus().setPhase(PlaybookRunStatus.Phase.Failed);
        last.getStatus().getTransitions().add(move(null, "Failed", "klaxon"));
        PlaybookRun firstFinished = runs.get(0);
        firstFinished.getStatus().setPhase(PlaybookRunStatus.Phase.Failed);
        firstFinished.getStatus().getTransitions().add(move(null, "Failed", "klaxon"));
        PlaybookRunRecords.record(status, runs);

        assertThat(IncidentFinality.isRecorded(status, last)).isTrue();
        assertThat(IncidentFinality.isRecorded(status, firstFinished)).isTrue();
        assertThat(IncidentFinality.isRecorded(status, runs.get(1))).isFalse();
    }
}
