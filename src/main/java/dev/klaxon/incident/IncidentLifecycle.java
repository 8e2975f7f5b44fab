package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSla;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Responder;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions about an incident's record, with the time supplied: lifecycle timestamps set
 * once, MTTA/MTTI/MTTR, SLA targets and breaches, required and missing roles, and a bounded
 * timeline. No Kubernetes client: the reconciler reads, calls this, and writes status.
 */
public final class IncidentLifecycle {

    /** The timeline keeps its first entries and the newest ones; this many in all. */
    static final int TIMELINE_LIMIT = 100;
    static final int TIMELINE_HEAD = 10;

    /** Something people must hear about (an Event), besides the timeline entry. */
    public record Notice(EventReason reason, String message, boolean warning) {
    }

    private IncidentLifecycle() {
    }

    /** Who made a move. Acknowledging is what a person does; the operator resolving an alert's incident is not one. */
    public enum Mover { PERSON, OPERATOR }

    /** A move by a person: {@link #reached(IncidentStatus, IncidentPhase, Instant, Mover)}. */
    public static void reached(IncidentStatus status, IncidentPhase phase, Instant now) {
        reached(status, phase, now, Mover.PERSON);
    }

    /**
     * Sets the timestamps of {@code phase} and of the phases it implies, each only once. A
     * person's move to Acknowledged or later acknowledges the incident; the operator's
     * auto-resolve does not, so an incident nobody acknowledged keeps no acknowledgedAt and no MTTA.
     */
    public static void reached(IncidentStatus status, IncidentPhase phase, Instant now, Mover mover) {
        String at = Timestamps.format(now);
        if (mover == Mover.PERSON && phase.ordinal() >= IncidentPhase.Acknowledged.ordinal() && status.getAcknowledgedAt() == null) {
            status.setAcknowledgedAt(at);
        }
        // A reopened round is Investigating already: a person moving it on is its acknowledgment.
        if (mover == Mover.PERSON && round(status) > 1 && phase.ordinal() > IncidentPhase.Investigating.ordinal()
                && status.getRoundAcknowledgedAt() == null) {
            status.setRoundAcknowledgedAt(at);
        }
        if (phase.ordinal() >= IncidentPhase.Identified.ordinal() && status.getIdentifiedAt() == null) {
            status.setIdentifiedAt(at);
        }
        if (phase.ordinal() >= IncidentPhase.Mitigating.ordinal() && status.getMitigatedAt() == null) {
            status.setMitigatedAt(at);
        }
        if (phase.ordinal() >= IncidentPhase.Resolved.ordinal() && status.getResolvedAt() == null) {
            status.setResolvedAt(at);
            keepResolution(status, at);
        }
        if (phase == IncidentPhase.Closed && status.getClosedAt() == null) {
            status.setClosedAt(at);
        }
        status.setMttaSeconds(seconds(status.getDetectedAt(), status.getAcknowledgedAt()));
        status.setMttiSeconds(seconds(status.getDetectedAt(), status.getIdentifiedAt()));
        status.setMttrSeconds(seconds(status.getDetectedAt(), status.getResolvedAt()));
    }

    /** The response round: 1 until the first reopen. */
    public static int round(IncidentStatus status) {
        return NotificationEvent.roundOf(status);
    }

    /** When the current round began: detection, or the last reopen. */
    public static Instant roundStartedAt(IncidentStatus status) {
        return Timestamps.parse(status.getReopenedAt() != null && round(status) > 1 ? status.getReopenedAt() : status.getDetectedAt());
    }

    /** The acknowledgment of the current round, if a person gave one. */
    public static Optional<Instant> roundAcknowledgedAt(IncidentStatus status) {
        String at = round(status) > 1 ? status.getRoundAcknowledgedAt() : status.getAcknowledgedAt();
        return Optional.ofNullable(at).map(Timestamps::parse);
    }

    /**
     * Resolved -> Investigating: a new round. The resolution stays in {@code resolutions}, the
     * incident is unresolved again (MTTR will report the final resolution), the SLA targets and
     * the escalation start over from now, and the round needs its own acknowledgment. The first
     * acknowledgment (and MTTA) stays what it was.
     */
    public static void reopen(IncidentStatus status, Instant now) {
        status.setRound(round(status) + 1);
        status.setReopenedAt(Timestamps.format(now));
        status.setRoundAcknowledgedAt(null);
        status.setRoundAcknowledgedBy(null);
        status.setResolvedAt(null);
        status.setMttrSeconds(null);
        IncidentSla sla = status.getSla();
        if (sla != null) {
            if (Boolean.TRUE.equals(sla.getBreached()) && sla.getBreaches() == null) {
                sla.setBreaches(1); // breached before rounds were counted
            }
            sla.setBreached(false);
        }
        EscalationState previous = status.getEscalation();
        if (previous != null) {
            EscalationState fresh = new EscalationState();
            fresh.setPolicy(previous.getPolicy());
            fresh.setExecutivesNotified(previous.getExecutivesNotified());
            status.setEscalation(fresh);
        }
    }

    /**
     * {@code spec.acknowledgedRound} (kubectl klaxon ack on a reopened incident) acknowledges the
     * current round when it names it. A number ahead of the round is refused, so it cannot
     * acknowledge a reopen in advance.
     */
    public static Optional<String> acknowledgeRound(IncidentSpec spec, IncidentStatus status, Instant now) {
        Integer asked = spec.getAcknowledgedRound();
        int round = round(status);
        if (asked == null || round < 2) {
            return Optional.empty();
        }
        if (asked > round) {
            return Optional.of("spec.acknowledgedRound: " + asked + " is ahead of the current round " + round + "; it is ignored");
        }
        if (asked == round && status.getRoundAcknowledgedAt() == null && status.getResolvedAt() == null) {
            status.setRoundAcknowledgedAt(Timestamps.format(now));
        }
        return Optional.empty();
    }

    /** The timeline's entry for the current round's acknowledgment: who and how, when its {@link ChangeNote#ROUND} note says so. */
    static TimelineEntry roundAcknowledged(Map<String, String> annotations, IncidentStatus status, String now) {
        String round = String.valueOf(round(status));
        Optional<ChangeNote> note = ChangeNote.explaining(annotations, ChangeNote.ROUND, ChangeNote.UNACKNOWLEDGED, round);
        return new TimelineEntry(now, EventReason.Acknowledged.name(), "Round " + round + " acknowledged" + note.map(n -> ": " + n.reason()).orElse(""),
                note.map(ChangeNote::by).orElse(null));
    }

    /** Keeps the first resolution and the newest ones within {@link IncidentStatus#RESOLUTIONS_KEPT}. */
    private static void keepResolution(IncidentStatus status, String at) {
        List<String> resolutions = status.getResolutions() == null ? new ArrayList<>() : new ArrayList<>(status.getResolutions());
        resolutions.add(at);
        while (resolutions.size() > IncidentStatus.RESOLUTIONS_KEPT) {
            resolutions.remove(1);
        }
        status.setResolutions(resolutions);
    }

    /**
     * Recomputes the SLA targets of the current round and checks them at {@code now}.
     *
     * @return notices for breaches that happened now (each reported once), and adds them to the timeline
     */
    public static List<Notice> checkSla(IncidentSpec spec, IncidentStatus status, SeverityMatrix matrix, Instant now) {
        SeverityMatrix.Targets targets = matrix.of(spec.getSeverity());
        Instant detected = roundStartedAt(status);
        IncidentSla sla = status.getSla() != null ? status.getSla() : new IncidentSla();
        sla.setResponseDueAt(Timestamps.format(detected.plus(targets.response())));
        sla.setEscalateAt(Timestamps.format(detected.plus(targets.escalation())));
        sla.setNextUpdateDueAt(Timestamps.format(lastUpdate(spec, detected).plus(targets.update())));
        status.setSla(sla);
        List<Notice> notices = new ArrayList<>();
        boolean open = status.getPhase() == null || status.getPhase().isOpen();
        Instant responseDue = Timestamps.parse(sla.getResponseDueAt());
        if (open && !Boolean.TRUE.equals(sla.getBreached()) && !now.isBefore(responseDue)) {
            Optional<String> why = responseBreach(spec, status, targets);
            if (why.isPresent()) {
                sla.setBreached(true);
                sla.setBreaches((sla.getBreaches() == null ? 0 : sla.getBreaches()) + 1);
                String message = why.get() + " (response target " + KlaxonDurations.format(targets.response()) + " for " + spec.getSeverity() + ")";
                addToTimeline(status, new TimelineEntry(Timestamps.format(now), "SlaBreached", message, null));
                notices.add(new Notice(EventReason.SlaBreached, message, true));
            }
        }
        if (sla.getBreached() == null) {
            sla.setBreached(false);
        }
        return notices;
    }

    private static Optional<String> responseBreach(IncidentSpec spec, IncidentStatus status, SeverityMatrix.Targets targets) {
        if (roundAcknowledgedAt(status).isEmpty()) {
            return Optional.of(round(status) > 1 ? "reopened and not acknowledged in time" : "not acknowledged in time");
        }
        boolean needsCommander = spec.getSeverity() == Severity.SEV1 || spec.getSeverity() == Severity.SEV2;
        if (needsCommander && (spec.getCommander() == null || spec.getCommander().isBlank())) {
            return Optional.of("no incident commander in time");
        }
        return Optional.empty();
    }

    /** When the reconciler must look again for the next deadline, if any is ahead. */
    public static Optional<Duration> untilNextDeadline(IncidentStatus status, Instant now) {
        if (status.getSla() == null || Boolean.TRUE.equals(status.getSla().getBreached())
                || (status.getPhase() != null && !status.getPhase().isOpen())) {
            return Optional.empty();
        }
        Instant due = Timestamps.parse(status.getSla().getResponseDueAt());
        return due.isAfter(now) ? Optional.of(Duration.between(now, due).plusMillis(500)) : Optional.empty();
    }

    /** Required roles for the severity, and those that no responder (or the commander) holds. */
    public static void staff(IncidentSpec spec, IncidentStatus status, SeverityMatrix matrix) {
        List<String> required = matrix.of(spec.getSeverity()).requiredRoles().stream().map(Enum::name).toList();
        Set<String> held = new LinkedHashSet<>();
        if (spec.getResponders() != null) {
            spec.getResponders().stream().map(Responder::getRole).filter(r -> r != null).forEach(r -> held.add(r.name()));
        }
        if (spec.getCommander() != null && !spec.getCommander().isBlank()) {
            held.add(Responder.Role.incident_commander.name());
        }
        status.setRequiredRoles(required);
        status.setMissingRoles(required.stream().filter(r -> !held.contains(r)).toList());
    }

    /** Adds an entry; past the limit, drops the oldest entry after the first ones and counts it. */
    public static void addToTimeline(IncidentStatus status, TimelineEntry entry) {
        if (status.getTimeline() == null) {
            status.setTimeline(new ArrayList<>());
        }
        status.getTimeline().add(entry);
        while (status.getTimeline().size() > TIMELINE_LIMIT) {
            status.getTimeline().remove(TIMELINE_HEAD);
            status.setTimelineDropped((status.getTimelineDropped() == null ? 0 : status.getTimelineDropped()) + 1);
        }
    }

    /**
     * A timeline entry when the alert engine says the alert's series went missing, and again when
     * it is back (the annotation klaxon.dev/no-data-since comes and goes); status remembers which.
     */
    static void recordNoData(Incident incident, IncidentStatus status, String now) {
        String since = incident.getMetadata().getAnnotations() == null ? null
                : incident.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_NO_DATA_SINCE);
        if (Objects.equals(since, status.getNoDataSince())) {
            return;
        }
        addToTimeline(status, since != null
                ? new TimelineEntry(now, "NoData", "The alert's series is missing from Prometheus's answer since " + since
                        + " (target down? scrape broken?): the incident stays open until it is back below threshold", KlaxonApi.OPERATOR_AUTHOR)
                : new TimelineEntry(now, "DataReturned", "The alert's series is back in Prometheus's answer", KlaxonApi.OPERATOR_AUTHOR));
        status.setNoDataSince(since);
    }

    /** A time someone wrote; one the schema let through but Java cannot read (Feb 30) counts as absent. */
    private static Instant parseOrNull(String time) {
        return Timestamps.parseWritten(time).orElse(null);
    }

    private static Instant lastUpdate(IncidentSpec spec, Instant detected) {
        Instant last = detected;
        if (spec.getUpdates() != null) {
            for (IncidentUpdate update : spec.getUpdates()) {
                Instant at = parseOrNull(update.getTime());
                if (at != null && at.isAfter(last)) {
                    last = at;
                }
            }
        }
        return last;
    }

    private static Long seconds(String from, String to) {
        if (from == null || to == null) {
            return null;
        }
        return Duration.between(Timestamps.parse(from), Timestamps.parse(to)).getSeconds();
    }
}
