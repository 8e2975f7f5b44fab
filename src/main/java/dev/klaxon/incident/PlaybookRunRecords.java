package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSummary;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Copies the moves of an incident's playbook runs into its timeline. Runs only append
 * transitions, and the incident remembers how many of each run's it has copied, so every move
 * lands exactly once, however often or late the incident is reconciled.
 */
final class PlaybookRunRecords {

    private PlaybookRunRecords() {
    }

    static void record(IncidentStatus status, List<PlaybookRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        if (status.getPlaybookRuns() == null) {
            status.setPlaybookRuns(new ArrayList<>());
        }
        List<PlaybookRun> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(Comparator.comparing((PlaybookRun r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
                .thenComparing(r -> r.getMetadata().getName()));
        for (PlaybookRun run : oldestFirst) {
            String uid = run.getMetadata().getUid();
            PlaybookRunSummary summary = status.getPlaybookRuns().stream()
                    .filter(s -> s.getName().equals(run.getMetadata().getName()) && Objects.equals(s.getUid(), uid)).findFirst()
                    .orElseGet(() -> {
                        PlaybookRunSummary created = new PlaybookRunSummary();
                        created.setName(run.getMetadata().getName());
                        created.setUid(uid);
                        created.setPlaybook(run.getSpec().getPlaybookRef());
                        created.setRecordedTransitions(0);
                        status.getPlaybookRuns().add(created);
                        return created;
                    });
            if (run.getStatus() == null) {
                continue;
            }
            summary.setPhase(run.getStatus().getPhase() != null ? run.getStatus().getPhase().name() : null);
            summary.setCurrentStep(run.getStatus().getCurrentStep());
            List<RunTransition> transitions = run.getStatus().getTransitions();
            int from = summary.getRecordedTransitions() == null ? 0 : summary.getRecordedTransitions();
            for (int i = from; i < transitions.size(); i++) {
                IncidentLifecycle.addToTimeline(status, entry(run, transitions.get(i)));
            }
            summary.setRecordedTransitions(Math.max(from, transitions.size()));
        }
    }

    private static TimelineEntry entry(PlaybookRun run, RunTransition move) {
        String type = (move.getStep() != null ? "Step" : "PlaybookRun") + move.getPhase();
        String message = "Playbook " + run.getSpec().getPlaybookRef() + " (run " + run.getMetadata().getName() + ")"
                + (move.getStep() != null ? ", step " + move.getStep() : "") + ": " + move.getMessage();
        return new TimelineEntry(move.getTime(), type, message, move.getAuthor());
    }
}
