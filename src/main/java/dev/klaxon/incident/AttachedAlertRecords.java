package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an incident says of the alerts attached to it: the list and count while it is open (once
 * it resolves, the last list stays, as a record of what it held back; while they are not known
 * yet, after a restart, it stays too), and a timeline entry naming the rules whose alerts newly
 * joined it.
 */
final class AttachedAlertRecords {

    private AttachedAlertRecords() {
    }

    static void record(IncidentStatus status, Optional<HeldBackAlerts.Listed> attached, String now) {
        if (attached.isEmpty() || status.getPhase() != null && !status.getPhase().isOpen()) {
            return;
        }
        List<HeldBackAlert> alerts = attached.map(HeldBackAlerts.Listed::alerts).orElse(List.of());
        int count = attached.map(HeldBackAlerts.Listed::count).orElse(0);
        int before = status.getHeldBackAlertCount() == null ? 0 : status.getHeldBackAlertCount();
        Set<String> known = status.getHeldBackAlerts() == null ? Set.of()
                : status.getHeldBackAlerts().stream().map(AttachedAlertRecords::key).collect(Collectors.toSet());
        Set<String> joined = alerts.stream().filter(a -> !known.contains(key(a)))
                .map(a -> a.getNamespace() + "/" + a.getAlertRule() + " (" + a.getReason() + ")")
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (count > before && !joined.isEmpty()) {
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(now, "AlertsAttached", (count - before) + " more firing alert(s) attached "
                    + "to this incident instead of paging, from " + String.join(", ", joined) + "; " + count + " attached in all. Each opens its "
                    + "own incident if it still fires once this one resolves.", KlaxonApi.OPERATOR_AUTHOR));
        }
        status.setHeldBackAlerts(alerts.isEmpty() ? null : alerts);
        status.setHeldBackAlertCount(count == 0 ? null : count);
    }

    private static String key(HeldBackAlert alert) {
        return alert.getNamespace() + "/" + alert.getAlertRule() + "/" + Objects.hashCode(alert.getLabels());
    }
}
