package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * Who changed an incident's phase or severity, and why, carried in an annotation next to the
 * change so that the timeline entry can say it. The note names the move it explains (from and
 * to), so a stale note never describes a later change that a person made by hand.
 *
 * @param from   the value the writer saw before its change
 * @param to     the new value (e.g. Resolved, SEV1)
 * @param by     a user name, or "klaxon" for the operator
 * @param reason why, for people
 */
public record ChangeNote(String from, String to, String by, String reason) {

    public static final String PHASE = "klaxon.dev/phase-change";
    public static final String SEVERITY = "klaxon.dev/severity-change";
    /** Who acknowledged a reopened incident's round (spec.acknowledgedRound): from "unacknowledged", to the round's number. */
    public static final String ROUND = "klaxon.dev/round-acknowledgment";
    public static final String UNACKNOWLEDGED = "unacknowledged";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The note in {@code annotation} if it explains the move {@code from} -> {@code to}. */
    public static Optional<ChangeNote> explaining(Map<String, String> annotations, String annotation, String from, String to) {
        if (annotations == null || annotations.get(annotation) == null) {
            return Optional.empty();
        }
        try {
            ChangeNote note = JSON.readValue(annotations.get(annotation), ChangeNote.class);
            return to.equals(note.to()) && from.equals(note.from()) ? Optional.of(note) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
