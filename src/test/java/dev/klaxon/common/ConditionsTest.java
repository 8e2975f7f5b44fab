package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Condition.Status;
import dev.klaxon.api.v1alpha1.PlaybookStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-26T10:05:00Z");

    private final PlaybookStatus status = new PlaybookStatus();

    @Test
    void addsANewConditionWithItsTransitionTime() {
        boolean changed = Conditions.set(status, "Ready", Status.True, "Valid", "ok", 3L, T0);

        assertThat(changed).isTrue();
        Condition ready = Conditions.find(status, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(Status.True);
        assertThat(ready.getReason()).isEqualTo("Valid");
        assertThat(ready.getMessage()).isEqualTo("ok");
        assertThat(ready.getObservedGeneration()).isEqualTo(3L);
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void keepsTheTransitionTimeWhenOnlyReasonOrMessageChange() {
        Conditions.set(status, "Ready", Status.False, "PlaybookNotFound", "no playbook a", 1L, T0);

        boolean changed = Conditions.set(status, "Ready", Status.False, "IncidentNotFound", "no incident b", 2L, T1);

        assertThat(changed).isTrue();
        Condition ready = Conditions.find(status, "Ready").orElseThrow();
        assertThat(ready.getReason()).isEqualTo("IncidentNotFound");
        assertThat(ready.getObservedGeneration()).isEqualTo(2L);
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void movesTheTransitionTimeWhenTheStatusChanges() {
        Conditions.set(status, "Ready", Status.False, "PlaybookNotFound", "missing", 1L, T0);

        Conditions.set(status, "Ready", Status.True, "Valid", "ok", 1L, T1);

        assertThat(Conditions.find(status, "Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2026-11-26T10:05:00Z");
        assertThat(Conditions.isTrue(status, "Ready")).isTrue();
    }

    @Test
    void reportsNoChangeWhenNothingChanged() {
        Conditions.set(status, "Ready", Status.True, "Valid", "ok", 1L, T0);

        assertThat(Conditions.set(status, "Ready", Status.True, "Valid", "ok", 1L, T1)).isFalse();
        assertThat(status.getConditions()).hasSize(1);
    }

    @Test
    void keepsConditionsOfOtherTypesApart() {
        Conditions.set(status, "Ready", Status.True, "Valid", "ok", 1L, T0);
        Conditions.set(status, "Progressing", Status.False, "Idle", "", 1L, T1);

        assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("Ready", "Progressing");
        assertThat(Conditions.isTrue(status, "Progressing")).isFalse();
        assertThat(Conditions.isTrue(status, "Missing")).isFalse();
    }
}
