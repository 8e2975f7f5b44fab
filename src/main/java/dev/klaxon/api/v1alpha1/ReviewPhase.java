package dev.klaxon.api.v1alpha1;

/** Where a post-incident review stands: draft → scheduled (with a date) → completed → published. */
public enum ReviewPhase {
    draft, scheduled, completed, published
}
