package dev.klaxon.api.v1alpha1;

/** Incident severity, SEV1 (critical) to SEV5 (informational), as in the severity table. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4, SEV5
}
