package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.KlaxonStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets Kubernetes-style conditions on a status. lastTransitionTime moves only when the
 * condition's status changes, so it tells how long the object has been Ready (or not).
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Sets condition {@code type} and reports whether anything a user would notice changed
     * (status, reason or message), so callers can emit an Event only on real changes.
     */
    public static boolean set(KlaxonStatus status, String type, Condition.Status value, String reason, String message,
                              Long observedGeneration, Instant now) {
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        Optional<Condition> existing = find(status, type);
        if (existing.isEmpty()) {
            Condition created = new Condition(type, value, reason, message);
            created.setLastTransitionTime(Timestamps.format(now));
            created.setObservedGeneration(observedGeneration);
            status.getConditions().add(created);
            return true;
        }
        Condition condition = existing.get();
        boolean statusChanged = condition.getStatus() != value;
        boolean changed = statusChanged || !Objects.equals(condition.getReason(), reason)
                || !Objects.equals(condition.getMessage(), message);
        if (statusChanged || condition.getLastTransitionTime() == null) {
            condition.setLastTransitionTime(Timestamps.format(now));
        }
        condition.setStatus(value);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setObservedGeneration(observedGeneration);
        return changed;
    }

    public static Optional<Condition> find(KlaxonStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(KlaxonStatus status, String type) {
        return find(status, type).map(c -> c.getStatus() == Condition.Status.True).orElse(false);
    }
}
