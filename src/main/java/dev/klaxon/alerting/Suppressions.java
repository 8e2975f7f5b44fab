package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What holds a firing alert back from opening its incident: an active maintenance window that
 * matches it. Asked when the alert would open one; the answer is for now.
 */
public interface Suppressions {

    /** The window holding the alert back, and when it ends (the alert's incident opens then, if it still fires). */
    record Suppression(String window, Instant until) {
    }

    Optional<Suppression> of(AlertRule rule, Map<String, String> labels);
}
