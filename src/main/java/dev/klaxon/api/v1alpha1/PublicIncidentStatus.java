package dev.klaxon.api.v1alpha1;

/** Where a public incident stands, as its page says it: investigating → identified → monitoring → resolved. */
public enum PublicIncidentStatus {
    investigating, identified, monitoring, resolved
}
