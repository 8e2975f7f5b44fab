package dev.klaxon.respond;

import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.EscalationRequest;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.common.PageLink;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a checked page link may do to its incident as the incident is now: refused (and why, in
 * words for the person holding the phone), or the change it makes. A link acts once: what it
 * changes (the phase, the round's acknowledgment, the escalation's step) moves only forward, so
 * the same link finds its work done. Plain: the incident is passed in.
 */
final class PageActions {

    /** How the timeline says where an action came from. */
    static final String VIA = "from a page link";
    static final String VIA_SLACK = "from Slack";

    /** A refusal, or the merge patch that does the action (with the resourceVersion it was decided on). */
    record Decision(Optional<String> refusal, Map<String, Object> patch, String done) {
        static Decision refused(String why) {
            return new Decision(Optional.of(why), Map.of(), "");
        }
    }

    private PageActions() {
    }

    /** Whether the link may still be shown at all: its incident exists, is that incident, and is in the link's round. */
    static Optional<String> stale(PageLink link, Incident incident) {
        if (incident == null) {
            return Optional.of("The incident " + link.namespace() + "/" + link.name() + " no longer exists.");
        }
        if (!link.uid().equals(incident.getMetadata().getUid())) {
            return Optional.of("This link is for another incident: " + link.name() + " was deleted, and the incident of that name now is a new one.");
        }
        int round = round(incident);
        if (round != link.round()) {
            return Optional.of("This link was for round " + link.round() + " of the incident; it was reopened since and is in round " + round
                    + " now. Use the links of the newest page.");
        }
        return Optional.empty();
    }

    /**
     * @param via how the person acted, for the timeline ("from a page link", "from Slack")
     * @param now when, as status keeps time (an escalation request is one by when it was asked)
     */
    static Decision decide(PageLink link, Incident incident, String via, String now) {
        Optional<String> stale = stale(link, incident);
        if (stale.isPresent()) {
            return Decision.refused(stale.get());
        }
        IncidentStatus status = incident.getStatus() == null ? new IncidentStatus() : incident.getStatus();
        IncidentPhase phase = incident.getSpec().getPhase();
        if (phase == IncidentPhase.Closed) {
            return Decision.refused("The incident is closed: nothing is left to do from a page.");
        }
        boolean resolved = phase == IncidentPhase.Resolved || status.getResolvedAt() != null;
        int round = round(incident);
        return switch (link.action()) {
            case view -> Decision.refused("This link only shows the incident.");
            case resolve -> resolved ? Decision.refused("The incident is resolved already" + at(status.getResolvedAt()) + ": nothing changed.")
                    : move(incident, IncidentPhase.Resolved, link, "resolved by " + link.actor() + " " + via, "Resolved");
            case acknowledge -> {
                if (resolved) {
                    yield Decision.refused("The incident is resolved already" + at(status.getResolvedAt()) + ": there is nothing to acknowledge.");
                }
                if (isAcknowledged(incident, round)) {
                    yield Decision.refused("The incident is acknowledged already" + at(acknowledgedAt(status, round)) + ": nothing changed.");
                }
                if (round > 1) {
                    String note = new ChangeNote(ChangeNote.UNACKNOWLEDGED, String.valueOf(round), link.actor(),
                            "acknowledged by " + link.actor() + " " + via).toJson();
                    yield change(incident, Map.of(ChangeNote.ROUND, note), Map.of("acknowledgedRound", round), "Acknowledged");
                }
                yield move(incident, IncidentPhase.Acknowledged, link, "acknowledged by " + link.actor() + " " + via, "Acknowledged");
            }
            case escalate -> escalate(link, incident, status, round, resolved, via, now);
        };
    }

    private static Decision escalate(PageLink link, Incident incident, IncidentStatus status, int round, boolean resolved, String via, String now) {
        if (resolved) {
            return Decision.refused("The incident is resolved already: nobody else needs to be paged.");
        }
        if (isAcknowledged(incident, round)) {
            return Decision.refused("The incident is acknowledged already" + at(acknowledgedAt(status, round)) + ": nobody else is paged.");
        }
        EscalationState escalation = status.getEscalation();
        if (escalation == null || escalation.getLevel() == null) {
            return Decision.refused("The escalation has not paged anyone yet.");
        }
        if (escalation.getStopped() != null) {
            return Decision.refused("The escalation stopped (" + escalation.getStopped() + "): there is nobody further to page.");
        }
        if (!link.policy().isEmpty() && !link.policy().equals(escalation.getPolicy())) {
            return Decision.refused("The incident is escalated by another policy now (" + escalation.getPolicy() + "): this page's levels are over.");
        }
        int repeat = escalation.getRound() == null ? 0 : escalation.getRound();
        if (repeat != link.repeat() || escalation.getLevel() != link.level()) {
            return Decision.refused("The escalation has moved on since this page: level " + escalation.getLevel()
                    + (repeat > 0 ? " (repeat " + repeat + ")" : "") + " was paged" + at(escalation.getLastNotifiedAt()) + ".");
        }
        if (escalation.getNextAt() == null) {
            return Decision.refused("Level " + link.level() + " is the last level of the escalation: there is nobody further to page.");
        }
        EscalationRequest asked = incident.getSpec().getEscalateNow();
        boolean pending = asked != null && !Objects.equals(asked.getRequestedAt(), escalation.getEscalatedNowAt());
        if (pending && Objects.equals(asked.getRound(), round) && Objects.equals(asked.getLevel(), link.level())
                && Objects.equals(asked.getPolicy() == null ? "" : asked.getPolicy(), link.policy())
                && Objects.equals(asked.getRepeat() == null ? 0 : asked.getRepeat(), link.repeat())) {
            return Decision.refused("Escalating was asked already, by " + asked.getBy() + ": the next level is being paged.");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("policy", link.policy().isEmpty() ? escalation.getPolicy() : link.policy());
        request.put("requestedAt", now);
        request.put("round", round);
        request.put("repeat", link.repeat());
        request.put("level", link.level());
        request.put("by", link.actor());
        request.put("via", via);
        return change(incident, Map.of(), Map.of("escalateNow", request), "Escalating");
    }

    private static Decision move(Incident incident, IncidentPhase to, PageLink link, String reason, String done) {
        String from = String.valueOf(incident.getSpec().getPhase());
        String note = new ChangeNote(from, to.name(), link.actor(), reason).toJson();
        return change(incident, Map.of(ChangeNote.PHASE, note), Map.of("phase", to.name()), done);
    }

    /** A merge patch of the spec and annotations, valid only against the version it was decided on. */
    private static Decision change(Incident incident, Map<String, String> annotations, Map<String, Object> spec, String done) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", incident.getMetadata().getResourceVersion());
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        return new Decision(Optional.empty(), Map.of("metadata", metadata, "spec", spec), done);
    }

    /** Whether this round's pages named {@code person} (a Slack press acts only for someone who was paged). */
    static boolean wasPagedFor(Incident incident, String person) {
        return incident.getStatus() != null && pagesOfThisRound(incident.getStatus()).stream()
                .anyMatch(r -> r.getRecipients() != null && r.getRecipients().contains(person));
    }

    /**
     * The ledger's pages of the current round, oldest first: keys {@code escalation-…}, with
     * {@code @<round>} after a reopen (the operator's NotificationEvent keys, read here without it).
     */
    static List<NotificationRecord> pagesOfThisRound(IncidentStatus status) {
        int round = status.getRound() == null ? 1 : status.getRound();
        List<NotificationRecord> records = status.getNotifications() == null ? List.of() : status.getNotifications();
        return records.stream().filter(r -> r.getEvent() != null && r.getEvent().startsWith("escalation-")
                && (round > 1 ? r.getEvent().endsWith("@" + round) : !r.getEvent().contains("@"))).toList();
    }

    static int round(Incident incident) {
        return incident.getStatus() == null || incident.getStatus().getRound() == null ? 1 : incident.getStatus().getRound();
    }

    /** As kubectl klaxon ack sees it: round 1 once past Detected, a later round by its own acknowledgment. */
    static boolean isAcknowledged(Incident incident, int round) {
        if (round > 1) {
            return Integer.valueOf(round).equals(incident.getSpec().getAcknowledgedRound())
                    || incident.getStatus() != null && incident.getStatus().getRoundAcknowledgedAt() != null;
        }
        IncidentPhase phase = incident.getSpec().getPhase();
        return phase != null && phase.ordinal() >= IncidentPhase.Acknowledged.ordinal()
                || incident.getStatus() != null && incident.getStatus().getAcknowledgedAt() != null;
    }

    private static String acknowledgedAt(IncidentStatus status, int round) {
        return round > 1 ? status.getRoundAcknowledgedAt() : status.getAcknowledgedAt();
    }

    private static String at(String time) {
        return time == null ? "" : " (at " + time + ")";
    }
}
