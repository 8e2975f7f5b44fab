package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When an incident is done with: a Resolved incident nobody reopened within the reopen window
 * is closed, and a Closed incident whose runs have finished and whose messages are all out can no
 * longer change (it becomes final, see OpenWork).
 */
final class IncidentFinality {

    private IncidentFinality() {
    }

    /** When the operator closes this incident: its resolution plus the reopen window, while it stays Resolved. */
    static Optional<Instant> closeAt(IncidentStatus status, Duration reopenWindow) {
        if (status.getPhase() != IncidentPhase.Resolved || status.getResolvedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse(status.getResolvedAt()).plus(reopenWindow));
    }

    /**
     * Closed, every playbook run of it finished (its last moves are in the timeline), nothing left
     * to send, and out of its rule's hourly budgets (they count the rule's incidents of the last
     * hour from the cache, RuleRateLimits): an incident closed within the hour stays until then.
     */
    static boolean isFinished(IncidentStatus status, List<PlaybookRun> runs, boolean countedByRule, Instant now) {
        return status.getPhase() == IncidentPhase.Closed
                && runs.stream().allMatch(IncidentFinality::isFinished)
                && NotificationLedger.settled(status.getNotifications())
                && !(countedByRule && now.isBefore(countedUntil(status)));
    }

    /** Until when its rule's hourly budgets count this incident: an hour after its round began paging or running. */
    static Instant countedUntil(IncidentStatus status) {
        Instant latest = status.getDetectedAt() == null ? Instant.EPOCH : IncidentLifecycle.roundStartedAt(status);
        for (String at : new String[] {status.getEscalation() != null ? status.getEscalation().getStartedAt() : null, status.getAutoRunStartedAt()}) {
            if (at != null && Timestamps.parse(at).isAfter(latest)) {
                latest = Timestamps.parse(at);
            }
        }
        return latest.plus(RuleBudget.WINDOW);
    }

    static boolean isFinished(PlaybookRun run) {
        return run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinal();
    }

    /** A finished run whose every move is in this incident's timeline: the incident marks it final. */
    static boolean isRecorded(IncidentStatus status, PlaybookRun run) {
        if (isFinished(run) && PlaybookRunRecords.isCountedNotListed(status, run)) {
            return true; // past the list's byte budget, its moves are counted, never copied: waiting would keep it open for ever
        }
        return isFinished(run) && status.getPlaybookRuns() != null && status.getPlaybookRuns().stream()
                .anyMatch(s -> s.getName().equals(run.getMetadata().getName()) && Objects.equals(s.getUid(), run.getMetadata().getUid())
                        && s.getRecordedTransitions() != null && s.getRecordedTransitions() >= run.getStatus().getTransitions().size());
    }

    static String closeReason(Duration reopenWindow) {
        return "resolved for " + KlaxonDurations.format(reopenWindow) + " (the reopen window) without being reopened";
    }
}
