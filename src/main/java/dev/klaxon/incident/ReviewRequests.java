package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import java.util.Optional;

/** Opens a post-incident review for an incident that just resolved, where the operator is configured to (the review package does it). */
public interface ReviewRequests {

    /** The name of the review opened (or already there), or empty when none is wanted for this incident. */
    Optional<String> resolved(Incident incident);
}
