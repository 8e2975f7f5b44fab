package dev.klaxon.incident;

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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    public record Notice(String reason, String message, boolean warning) {
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
        if (phase.ordinal() >= IncidentPhase.Identified.ordinal() && status.getIdentifiedAt() == null) {
            status.setIdentifiedAt(at);
        }
        if (phase.ordinal() >= IncidentPhase.Mitigating.ordinal() && status.getMitigatedAt() == null) {
            status.setMitigatedAt(at);
        }
        if (phase.ordinal() >= IncidentPhase.Resolved.ordinal() && status.getResolvedAt() == null) {
            status.setResolvedAt(at);
        }
        if (phase == IncidentPhase.Closed && status.getClosedAt() == null) {
            status.setClosedAt(at);
        }
        status.setMttaSeconds(seconds(status.getDetectedAt(), status.getAcknowledgedAt()));
        status.setMttiSeconds(seconds(status.getDetectedAt(), status.getIdentifiedAt()));
        status.setMttrSeconds(seconds(status.getDetectedAt(), status.getResolvedAt()));
    }

    /**
     * Recomputes the SLA targets and checks them at {@code now}.
     *
     * @return notices for breaches that happened now (each reported once), and adds them to the timeline
     */
    public static List<Notice> checkSla(IncidentSpec spec, IncidentStatus status, SeverityMatrix matrix, Instant now) {
        SeverityMatrix.Targets targets = matrix.of(spec.getSeverity());
        Instant detected = Timestamps.parse(status.getDetectedAt());
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
                String message = why.get() + " (response target " + KlaxonDurations.format(targets.response()) + " for " + spec.getSeverity() + ")";
                addToTimeline(status, new TimelineEntry(Timestamps.format(now), "SlaBreached", message, null));
                notices.add(new Notice("SlaBreached", message, true));
            }
        }
        if (sla.getBreached() == null) {
            sla.setBreached(false);
        }
        return notices;
    }

    private static Optional<String> responseBreach(IncidentSpec spec, IncidentStatus status, SeverityMatrix.Targets targets) {
        if (status.getAcknowledgedAt() == null) {
            return Optional.of("not acknowledged in time");
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
        try {
            return time == null ? null : Timestamps.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
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
