package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.Incident;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The firing alerts attached to an open incident instead of opening their own (a service that
 * depends on the incident's, a correlated rule). The incident package owns this interface, to list
 * them in the incident's status and to let them go when it resolves; the alerting package, which
 * evaluates them, implements it.
 */
public interface HeldBackAlerts {

    /** The most recent of them, bounded in bytes, and how many there are. */
    record Listed(List<HeldBackAlert> alerts, int count) {
    }

    /** Empty when that is not known yet (just after a restart): the incident's list stays as it was. */
    Optional<Listed> of(Incident incident);

    /** Called with an incident whose attached alerts changed (it lists them again). */
    void onChange(Consumer<ResourceID> wake);

    /** The incident resolved: the alerts attached to it are evaluated again at once, and open their own incidents if they still fire. */
    void released(Incident incident);
}
