package dev.klaxon.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSummary;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Copies the moves of an incident's playbook runs into its timeline. Runs only append
 * transitions, and the incident remembers how many of each run's it has copied, so every move
 * lands exactly once, however often or late the incident is reconciled.
 *
 * <p>The list of runs is bounded in bytes: a tenant can create any number of runs naming one
 * incident, and 20,000 of them once made the incident's status larger than etcd accepts, so that
 * no status write succeeded and its escalation stopped. A run is listed when first seen while
 * there is room; a listed run stays listed while it exists (dropping it would copy its moves
 * again); entries of runs that no longer exist make room for new ones; the rest are counted.
 */
final class PlaybookRunRecords {

    /** About 200 runs with the longest names; a few dozen KiB of an object etcd caps at 1.5 MiB. */
    static final int MAX_LISTED_BYTES = 128 * 1024;
    /** Room an entry may grow by after it is listed: its phase and current step change. */
    private static final int ENTRY_GROWTH = 96;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlaybookRunRecords() {
    }

    static void record(IncidentStatus status, List<PlaybookRun> runs) {
        if (runs.isEmpty()) {
            status.setPlaybookRunsNotListed(null);
            return;
        }
        if (status.getPlaybookRuns() == null) {
            status.setPlaybookRuns(new ArrayList<>());
        }
        List<PlaybookRunSummary> listed = status.getPlaybookRuns();
        Map<String, PlaybookRunSummary> byRun = new HashMap<>();
        listed.forEach(s -> byRun.put(key(s.getName(), s.getUid()), s));
        Set<String> present = new HashSet<>();
        runs.forEach(r -> present.add(key(r.getMetadata().getName(), r.getMetadata().getUid())));
        long bytes = 2;
        for (PlaybookRunSummary summary : listed) {
            bytes += size(summary) + ENTRY_GROWTH;
        }
        List<PlaybookRun> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(Comparator.comparing((PlaybookRun r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
                .thenComparing(r -> r.getMetadata().getName()));
        int notListed = 0;
        for (PlaybookRun run : oldestFirst) {
            String key = key(run.getMetadata().getName(), run.getMetadata().getUid());
            PlaybookRunSummary summary = byRun.get(key);
            if (summary == null) {
                summary = new PlaybookRunSummary();
                summary.setName(run.getMetadata().getName());
                summary.setUid(run.getMetadata().getUid());
                summary.setPlaybook(run.getSpec().getPlaybookRef());
                summary.setRecordedTransitions(0);
                long needed = size(summary) + ENTRY_GROWTH;
                bytes -= makeRoom(listed, present, bytes + needed - MAX_LISTED_BYTES);
                if (bytes + needed > MAX_LISTED_BYTES) {
                    notListed++;
                    continue;
                }
                bytes += needed;
                listed.add(summary);
                byRun.put(key, summary);
            }
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
        status.setPlaybookRunsNotListed(notListed == 0 ? null : notListed);
    }

    /** Drops entries of runs that no longer exist, oldest first, until {@code excess} bytes are free; returns the bytes freed. */
    private static long makeRoom(List<PlaybookRunSummary> listed, Set<String> present, long excess) {
        long freed = 0;
        for (Iterator<PlaybookRunSummary> it = listed.iterator(); it.hasNext() && freed < excess;) {
            PlaybookRunSummary summary = it.next();
            if (!present.contains(key(summary.getName(), summary.getUid()))) {
                it.remove();
                freed += size(summary) + ENTRY_GROWTH;
            }
        }
        return freed;
    }

    /** Whether this incident counted the run rather than listing it (its list is full). */
    static boolean isCountedNotListed(IncidentStatus status, PlaybookRun run) {
        return status.getPlaybookRunsNotListed() != null && status.getPlaybookRunsNotListed() > 0
                && (status.getPlaybookRuns() == null || status.getPlaybookRuns().stream()
                        .noneMatch(s -> s.getName().equals(run.getMetadata().getName()) && Objects.equals(s.getUid(), run.getMetadata().getUid())));
    }

    private static String key(String name, String uid) {
        return name + "/" + uid;
    }

    private static long size(PlaybookRunSummary summary) {
        try {
            return JSON.writeValueAsBytes(summary).length + 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run summary always serializes", e);
        }
    }

    private static TimelineEntry entry(PlaybookRun run, RunTransition move) {
        String type = (move.getStep() != null ? "Step" : "PlaybookRun") + move.getPhase();
        String message = "Playbook " + run.getSpec().getPlaybookRef() + " (run " + run.getMetadata().getName() + ")"
                + (move.getStep() != null ? ", step " + move.getStep() : "") + ": " + move.getMessage();
        return new TimelineEntry(move.getTime(), type, message, move.getAuthor());
    }
}
