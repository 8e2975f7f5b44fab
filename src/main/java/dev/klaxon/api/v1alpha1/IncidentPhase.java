package dev.klaxon.api.v1alpha1;

/**
 * The incident lifecycle, in order. Moving forward may skip phases; Resolved may reopen to
 * Investigating; Closed is final.
 */
public enum IncidentPhase {
    Detected, Acknowledged, Investigating, Identified, Mitigating, Monitoring, Resolved, Closed;

    /** Whether an incident in this phase still needs people: neither resolved nor closed. */
    public boolean isOpen() {
        return this != Resolved && this != Closed;
    }
}
