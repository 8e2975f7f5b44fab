package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentPhase;

/**
 * Which phase moves an incident may make. The CRD enforces the same rule in CEL; the operator
 * checks again so that a move that slipped past the API server (e.g. the CRD was installed
 * without its validation) is refused rather than recorded.
 */
public final class PhaseTransitions {

    private PhaseTransitions() {
    }

    public static boolean isAllowed(IncidentPhase from, IncidentPhase to) {
        if (from == to) {
            return true;
        }
        if (from == IncidentPhase.Closed) {
            return false;
        }
        if (from == IncidentPhase.Resolved && to == IncidentPhase.Investigating) {
            return true;
        }
        return to.ordinal() > from.ordinal();
    }
}
