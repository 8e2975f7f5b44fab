package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.HoldReason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What holds a firing alert back from opening its incident: an active maintenance window that
 * matches it, or an open incident it belongs with (its service depends on that incident's, or its
 * policy correlates them). Asked when the alert would open one; the answer is for now. Each
 * concern that holds alerts back implements this; the engine asks them all.
 */
public interface Suppressions {

    /** Why an alert opens no incident for now. */
    sealed interface Suppression permits Maintenance, Attachment {
    }

    /** Held back by a maintenance window until it ends (the alert's incident opens then, if it still fires). */
    record Maintenance(String window, Instant until) implements Suppression {
    }

    /**
     * Attached to an open incident, and listed on it, until that incident resolves.
     *
     * @param why the link in words, for the rule's Event (e.g. "service checkout depends on payments-db")
     */
    record Attachment(HoldReason reason, String namespace, String incident, String why) implements Suppression {

        /** The incident as {@code namespace/name}, as the rule's status names it. */
        public String root() {
            return namespace + "/" + incident;
        }
    }

    /** Which of several holds an alert shows, lowest first: a maintenance window (it was planned), then a dependency, then a correlation. */
    static int rank(Suppression hold) {
        return hold instanceof Attachment a ? switch (a.reason()) {
            case Dependency -> 1;
            case Correlation -> 2;
        } : 0;
    }

    Optional<? extends Suppression> of(AlertRule rule, Map<String, String> labels);
}
