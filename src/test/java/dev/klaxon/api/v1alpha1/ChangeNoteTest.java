package dev.klaxon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeNoteTest {

    private final Map<String, String> annotations = Map.of(ChangeNote.PHASE,
            new ChangeNote("Detected", "Resolved", "klaxon", "alert stopped firing").toJson());

    @Test
    void explainsTheMoveItWasWrittenFor() {
        assertThat(ChangeNote.explaining(annotations, ChangeNote.PHASE, "Detected", "Resolved"))
                .hasValueSatisfying(note -> {
                    assertThat(note.by()).isEqualTo("klaxon");
                    assertThat(note.reason()).isEqualTo("alert stopped firing");
                });
    }

    @Test
    void aStaleNoteDoesNotExplainALaterMoveByAPerson() {
        // Reopened to Investigating by hand, then resolved by hand: the old note must not claim it.
        assertThat(ChangeNote.explaining(annotations, ChangeNote.PHASE, "Investigating", "Resolved")).isEmpty();
        assertThat(ChangeNote.explaining(annotations, ChangeNote.SEVERITY, "Detected", "Resolved")).isEmpty();
        assertThat(ChangeNote.explaining(Map.of(ChangeNote.PHASE, "not json"), ChangeNote.PHASE, "Detected", "Resolved")).isEmpty();
        assertThat(ChangeNote.explaining(null, ChangeNote.PHASE, "Detected", "Resolved")).isEmpty();
    }
}
