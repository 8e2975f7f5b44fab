package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** Closed, every playbook run of it finished (its last moves are in the timeline) and nothing left to send. */
    static boolean isFinished(IncidentStatus status, List<PlaybookRun> runs) {
        return status.getPhase() == IncidentPhase.Closed
                && runs.stream().allMatch(run -> run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinal())
                && NotificationLedger.settled(status.getNotifications());
    }

    static String closeReason(Duration reopenWindow) {
        return "resolved for " + dev.klaxon.common.KlaxonDurations.format(reopenWindow) + " (the reopen window) without being reopened";
    }
}
