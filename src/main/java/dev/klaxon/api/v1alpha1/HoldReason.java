package dev.klaxon.api.v1alpha1;

/** Why a firing alert is attached to another incident instead of opening its own. */
public enum HoldReason {
    /** Its service depends on the incident's service (ServiceDependency, ClusterServiceDependency). */
    Dependency,
    /** Its escalation policy correlates incidents of the same service within a window (spec.correlation). */
    Correlation
}
