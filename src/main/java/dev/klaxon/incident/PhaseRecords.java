package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Problem;
import dev.klaxon.common.Text;
import dev.klaxon.common.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The incident's record of what people (or the alert engine) asked for: its opening, the phase
 * moves it accepts and the severity changes, each in the timeline with who and why when a
 * {@link ChangeNote} says so, and as an Event.
 */
final class PhaseRecords {

    private final EventRecorder events;
    private final IncidentMetrics metrics;

    PhaseRecords(EventRecorder events, IncidentMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    void opened(Incident incident, IncidentStatus status, String now) {
        String created = incident.getMetadata().getCreationTimestamp();
        status.setDetectedAt(created != null ? created : now);
        status.setPhase(incident.getSpec().getPhase());
        status.setSeverity(incident.getSpec().getSeverity());
        IncidentLifecycle.reached(status, status.getPhase(), Timestamps.parse(status.getDetectedAt()));
        IncidentSource source = incident.getSpec().getSource();
        String message = source != null && source.getAlertRule() != null
                ? "Opened by AlertRule " + source.getAlertRule() + " (value " + source.getValue() + ", labels " + source.getLabels() + ")"
                : "Declared";
        String replaces = incident.getMetadata().getAnnotations() == null ? null
                : incident.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_REPLACES_DELETED);
        if (replaces != null) {
            message += "; it replaces incident " + replaces + ", deleted while its alert still fired";
        }
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(status.getDetectedAt(), "Opened",
                message + ": " + incident.getSpec().getSeverity() + " " + incident.getSpec().getTitle(),
                source != null ? KlaxonApi.OPERATOR_AUTHOR : null));
        events.record(incident, EventRecorder.Type.Normal, EventReason.Opened, message);
    }

    List<Problem> acceptPhase(Incident incident, IncidentStatus status, Instant instant) {
        String now = Timestamps.format(instant);
        IncidentPhase from = status.getPhase();
        IncidentPhase to = incident.getSpec().getPhase();
        if (from == to) {
            return List.of();
        }
        if (!PhaseTransitions.isAllowed(from, to)) {
            return List.of(new Problem(ConditionReason.IllegalPhaseTransition,
                    "spec.phase: " + from + " -> " + to + " is not allowed; the incident stays " + from));
        }
        status.setPhase(to);
        Optional<ChangeNote> note = ChangeNote.explaining(incident.getMetadata().getAnnotations(), ChangeNote.PHASE, from.name(), to.name());
        boolean byOperator = note.map(n -> KlaxonApi.OPERATOR_AUTHOR.equals(n.by())).orElse(false);
        boolean wasResolved = status.getResolvedAt() != null;
        boolean wasAcknowledged = status.getAcknowledgedAt() != null;
        boolean roundWasAcknowledged = status.getRoundAcknowledgedAt() != null;
        boolean reopen = from == IncidentPhase.Resolved && to == IncidentPhase.Investigating;
        if (reopen) {
            IncidentLifecycle.reopen(status, instant);
        } else {
            IncidentLifecycle.reached(status, to, instant, byOperator ? IncidentLifecycle.Mover.OPERATOR : IncidentLifecycle.Mover.PERSON);
        }
        String message = from + " -> " + to + note.map(n -> ": " + n.reason()).orElse("");
        String by = note.map(ChangeNote::by).orElse(null);
        // A note is anyone's text: cut to the field's size, so it can never fail the status write.
        if (!wasAcknowledged && status.getAcknowledgedAt() != null) {
            status.setAcknowledgedBy(Text.cut(by, KlaxonApi.MAX_NAME));
        }
        if (!roundWasAcknowledged && status.getRoundAcknowledgedAt() != null) {
            status.setRoundAcknowledgedBy(Text.cut(by, KlaxonApi.MAX_NAME));
        }
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "PhaseChanged", message, by));
        if (reopen) {
            String round = "round " + IncidentLifecycle.round(status);
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "Reopened", "Reopened (" + round + "): the response targets and "
                    + "the escalation start again from level 1, and the channels that were told hear it reopened", KlaxonApi.OPERATOR_AUTHOR));
            metrics.reopened(incident.getSpec().getSeverity());
            events.record(incident, EventRecorder.Type.Warning, EventReason.Reopened, message + " (" + round + ")");
            return List.of();
        }
        if (!wasResolved && status.getResolvedAt() != null && IncidentLifecycle.roundAcknowledgedAt(status).isEmpty()) {
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "ResolvedUnacknowledged",
                    "resolved without anyone acknowledging it: no acknowledgment is sent, and MTTA leaves it out", KlaxonApi.OPERATOR_AUTHOR));
            if (status.getAcknowledgedAt() == null) {
                metrics.resolvedUnacknowledged(incident.getSpec().getSeverity());
            }
        }
        // The moves people watch for get their own reason (kubectl get events --field-selector reason=Resolved).
        EventReason reason = switch (to) {
            case Acknowledged -> EventReason.Acknowledged;
            case Resolved -> EventReason.Resolved;
            case Closed -> EventReason.Closed;
            default -> EventReason.PhaseChanged;
        };
        events.record(incident, EventRecorder.Type.Normal, reason, message);
        return List.of();
    }

    void recordSeverity(Incident incident, IncidentStatus status, String now) {
        Severity from = status.getSeverity();
        Severity to = incident.getSpec().getSeverity();
        if (from == to) {
            return;
        }
        status.setSeverity(to);
        Optional<ChangeNote> note = ChangeNote.explaining(incident.getMetadata().getAnnotations(), ChangeNote.SEVERITY, String.valueOf(from), to.name());
        String message = from + " -> " + to + note.map(n -> ": " + n.reason()).orElse("");
        IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "SeverityChanged",
                message + "; SLA targets now those of " + to, note.map(ChangeNote::by).orElse(null)));
        events.record(incident, EventRecorder.Type.Normal, EventReason.SeverityChanged, message);
    }
}
