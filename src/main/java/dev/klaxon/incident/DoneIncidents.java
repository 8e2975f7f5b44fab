package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OpenWork;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Carries out what {@link IncidentFinality} decides, after the incident's status is written:
 * closes a Resolved incident nobody reopened within the reopen window, marks its runs final once
 * their moves are in its timeline, and then, closed and done with, the incident itself.
 */
@Singleton
public class DoneIncidents {

    private final IncidentMoves moves;
    private final OpenWork openWork;
    private final Duration reopenWindow;

    public DoneIncidents(IncidentMoves moves, OpenWork openWork, KlaxonConfig config) {
        this.moves = moves;
        this.openWork = openWork;
        this.reopenWindow = config.openWork().reopenWindow();
    }

    /**
     * @param imported first seen already Resolved or Closed (a record brought in): no budget hour, no grace
     * @return when to look again: the close, a grace that is running, or the end of the rule's budget hour
     */
    Optional<Duration> settle(Incident incident, IncidentStatus status, List<PlaybookRun> runs, boolean imported, Instant now) {
        Optional<Instant> closeAt = IncidentFinality.closeAt(status, reopenWindow);
        if (closeAt.isPresent() && !now.isBefore(closeAt.get())) {
            // Changed meanwhile (this reconcile's own status write, a reopen): look again in a second.
            closeAt = moves.close(incident, IncidentFinality.closeReason(reopenWindow)) ? Optional.empty() : Optional.of(now.plusSeconds(1));
        }
        boolean counted = RuleRateLimits.isCounted(incident) && !imported;
        Stream<Optional<Duration>> runsDone = runs.stream().filter(run -> IncidentFinality.isRecorded(status, run))
                .map(run -> openWork.settle(run, true));
        Optional<Duration> incidentDone = openWork.settle(incident, IncidentFinality.isFinished(status, runs, counted, now), imported);
        // Closed within its rule's budget hour: look again when that hour is over.
        Instant countedUntil = IncidentFinality.countedUntil(status);
        Optional<Instant> budgetHour = status.getPhase() == IncidentPhase.Closed && counted && now.isBefore(countedUntil)
                ? Optional.of(countedUntil) : Optional.empty();
        return Stream.concat(Stream.concat(runsDone, Stream.of(incidentDone)),
                        Stream.of(closeAt, budgetHour).map(at -> at.map(instant -> Duration.between(now, instant).plusMillis(5))))
                .flatMap(Optional::stream).min(Duration::compareTo);
    }
}
