package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

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
}
