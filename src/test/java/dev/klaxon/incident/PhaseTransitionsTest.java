package dev.klaxon.incident;

import static dev.klaxon.api.v1alpha1.IncidentPhase.Acknowledged;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Closed;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Detected;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Investigating;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Mitigating;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Monitoring;
import static dev.klaxon.api.v1alpha1.IncidentPhase.Resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.IncidentPhase;
import org.junit.jupiter.api.Test;

class PhaseTransitionsTest {

    @Test
    void everyForwardMoveIsAllowedIncludingSkips() {
        IncidentPhase[] phases = IncidentPhase.values();
        for (int from = 0; from < phases.length - 1; from++) {
            for (int to = from + 1; to < phases.length; to++) {
                assertThat(PhaseTransitions.isAllowed(phases[from], phases[to]))
                        .as(phases[from] + " -> " + phases[to]).isTrue();
            }
        }
    }

    @Test
    void backwardMovesAreRefusedExceptReopeningAResolvedIncident() {
        assertThat(PhaseTransitions.isAllowed(Acknowledged, Detected)).isFalse();
        assertThat(PhaseTransitions.isAllowed(Monitoring, Mitigating)).isFalse();
        assertThat(PhaseTransitions.isAllowed(Resolved, Monitoring)).isFalse();
        assertThat(PhaseTransitions.isAllowed(Resolved, Investigating)).isTrue();
    }

    @Test
    void closedIsFinal() {
        for (IncidentPhase to : IncidentPhase.values()) {
            assertThat(PhaseTransitions.isAllowed(Closed, to)).as("Closed -> " + to).isEqualTo(to == Closed);
        }
    }

    @Test
    void stayingInAPhaseIsNoMove() {
        for (IncidentPhase phase : IncidentPhase.values()) {
            assertThat(PhaseTransitions.isAllowed(phase, phase)).isTrue();
        }
    }
}
