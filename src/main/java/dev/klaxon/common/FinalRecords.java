package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Told of each object at the moment it became final ({@link OpenWork} marks it), with the state
 * it had then: where its record is kept once it leaves the operator's caches (the archive).
 * Must not block: the caller is a reconciler.
 */
public interface FinalRecords {

    void finalized(HasMetadata object);

    /** Keeps nothing (no archive configured). */
    FinalRecords NONE = object -> { };
}
