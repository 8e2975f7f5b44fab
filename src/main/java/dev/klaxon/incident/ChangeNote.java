package dev.klaxon.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * Who changed an incident's phase or severity, and why, carried in an annotation next to the
 * change so that the timeline entry can say it. The note names the value it explains, so a
 * stale note never describes a later change.
 *
 * @param to     the new value (e.g. Resolved, SEV1)
 * @param by     a user name, or "klaxon" for the operator
 * @param reason why, for people
 */
public record ChangeNote(String to, String by, String reason) {

    public static final String PHASE = "klaxon.dev/phase-change";
    public static final String SEVERITY = "klaxon.dev/severity-change";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The note in {@code annotation} if it explains a change to {@code value}. */
    public static Optional<ChangeNote> explaining(Map<String, String> annotations, String annotation, String value) {
        if (annotations == null || annotations.get(annotation) == null) {
            return Optional.empty();
        }
        try {
            ChangeNote note = JSON.readValue(annotations.get(annotation), ChangeNote.class);
            return value.equals(note.to()) ? Optional.of(note) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
