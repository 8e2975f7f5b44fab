package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.ComponentOverride;
import dev.klaxon.api.v1alpha1.ComponentPeriod;
import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.common.Problem;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * What a status page shows now, from its spec, the incidents published on it and what it showed
 * before: the public incidents (kept after their incidents are gone), each component's status
 * (the worst any active published incident gives it, unless someone overrode it), the overall
 * status and the uptime history. Bounded: 90 days, and a size budget in bytes.
 */
final class PageDerivation {

    static final Duration KEPT = Duration.ofDays(90);
    /** The most the page's incidents and history may take, as JSON (the object must stay well under etcd's limit). */
    static final int MAX_BYTES = 512 * 1024;

    record Result(StatusPageStatus status, List<Problem> problems) {
    }

    /** A published review's public summary, shown as its incident's postmortem. */
    record Postmortem(String body, String publishedAt) {
    }

    private PageDerivation() {
    }

    /**
     * @param published the incidents whose spec.publication names this page
     * @param previous  the status as it was (null when new); its lists are reused, not copied
     * @param postmortems published reviews' public summaries, by public incident id ('pub-' and the incident's uid)
     * @param sizeOf    the size of a value as JSON, in bytes
     */
    static Result derive(StatusPageSpec spec, List<Incident> published, Map<String, Postmortem> postmortems, StatusPageStatus previous,
            Instant now, ToIntFunction<Object> sizeOf) {
        return derive(spec, published, postmortems, List.of(), previous, now, sizeOf);
    }

    /** @param windows the maintenance windows whose spec.publication names this page */
    static Result derive(StatusPageSpec spec, List<Incident> published, Map<String, Postmortem> postmortems,
            List<dev.klaxon.api.v1alpha1.MaintenanceWindow> windows, StatusPageStatus previous, Instant now, ToIntFunction<Object> sizeOf) {
        StatusPageStatus before = previous != null ? previous : new StatusPageStatus();
        List<StatusComponent> components = spec.getComponents();
        List<PublicIncident> incidents = incidents(before.getIncidents(), published, components, now);
        for (PublicIncident record : incidents) {
            Postmortem postmortem = postmortems.get(record.getId());
            // Once published, a postmortem stays with the incident's story (a review cannot be unpublished).
            if (postmortem != null && record.getStatus() == PublicIncidentStatus.resolved) {
                record.setPostmortem(postmortem.body());
                record.setPostmortemPublishedAt(postmortem.publishedAt());
            }
        }
        List<dev.klaxon.api.v1alpha1.PublicMaintenance> maintenances = PublicMaintenances.derive(before.getMaintenances(), windows,
                components, now);
        List<ComponentState> states = states(components, spec.getOverrides(), incidents, maintenances, before.getComponents(), now);
        List<ComponentPeriod> history = history(before.getHistory(), states, now);

        List<Problem> problems = new ArrayList<>();
        while (sizeOf.applyAsInt(incidents) + sizeOf.applyAsInt(history) > MAX_BYTES) {
            int oldestResolved = lastIndexOf(incidents, r -> r.getStatus() == PublicIncidentStatus.resolved);
            int oldestEnded = lastIndexOf(history, p -> p.getTo() != null);
            if (oldestResolved >= 0) {
                incidents.remove(oldestResolved);
            } else if (oldestEnded >= 0) {
                history.remove(oldestEnded);
            } else {
                problems.add(new Problem(ConditionReason.PageTooLarge, "the active incidents on this page and their public updates take more than "
                        + MAX_BYTES / 1024 + " KiB: the page keeps showing them as they were; shorten or remove public updates"));
                incidents = before.getIncidents();
                break;
            }
        }

        StatusPageStatus status = new StatusPageStatus();
        status.setObservedGeneration(before.getObservedGeneration());
        status.setConditions(before.getConditions());
        status.setComponents(states);
        status.setIncidents(incidents);
        status.setHistory(history);
        status.setMaintenances(maintenances);
        status.setComponentCount(states.size());
        status.setActiveIncidents((int) incidents.stream().filter(r -> r.getStatus() != PublicIncidentStatus.resolved
                && r.getVisibility() != Visibility.internal).count());
        status.setStatus(states.stream().map(ComponentState::getStatus).reduce(ComponentStatus.operational, ComponentStatus::worst));
        return new Result(status, problems);
    }

    /** The page's public incidents, active first, then newest first; resolved ones older than {@link #KEPT} dropped. */
    private static List<PublicIncident> incidents(List<PublicIncident> before, List<Incident> published, List<StatusComponent> components,
            Instant now) {
        Map<String, PublicIncident> records = new LinkedHashMap<>();
        before.forEach(r -> records.put(r.getId(), PublicIncidents.copy(r)));
        Map<String, PublicIncident> current = new HashMap<>();
        for (Incident incident : published) {
            String id = PublicIncidents.idOf(incident);
            current.put(id, PublicIncidents.update(records.get(id), incident, components, now));
        }
        records.forEach((id, record) -> current.computeIfAbsent(id, gone -> PublicIncidents.withoutIncident(record, components, now)));
        Instant oldest = now.minus(KEPT);
        return new ArrayList<>(current.values().stream()
                .filter(r -> r.getResolvedAt() == null || Timestamps.parse(r.getResolvedAt()).isAfter(oldest))
                .sorted(Comparator.comparing((PublicIncident r) -> r.getStatus() == PublicIncidentStatus.resolved)
                        .thenComparing(PublicIncident::getStartedAt, Comparator.reverseOrder())
                        .thenComparing(PublicIncident::getId))
                .toList());
    }

    private static List<ComponentState> states(List<StatusComponent> components, List<ComponentOverride> overrides,
            List<PublicIncident> incidents, List<dev.klaxon.api.v1alpha1.PublicMaintenance> maintenances, List<ComponentState> before,
            Instant now) {
        List<ComponentState> states = new ArrayList<>();
        java.util.Set<String> underMaintenance = PublicMaintenances.underMaintenance(maintenances);
        for (StatusComponent component : components) {
            // Maintenance in progress, unless an incident makes it worse (an outage during maintenance is still an outage).
            ComponentStatus status = underMaintenance.contains(component.getId()) ? ComponentStatus.maintenance : ComponentStatus.operational;
            List<String> causes = new ArrayList<>();
            for (PublicIncident record : incidents) {
                if (record.getStatus() != PublicIncidentStatus.resolved && record.getVisibility() != Visibility.internal
                        && record.getComponents().contains(component.getId())) {
                    status = status.worst(ComponentStatus.of(record.getSeverity()));
                    causes.add(record.getIncident());
                }
            }
            String cause = status == ComponentStatus.maintenance ? "scheduled maintenance"
                    : causes.isEmpty() || status == ComponentStatus.operational ? null : "incidents " + String.join(", ", causes);
            for (ComponentOverride override : overrides == null ? List.<ComponentOverride>of() : overrides) {
                if (override.getComponent().equals(component.getId())) {
                    status = override.getStatus();
                    cause = "set by " + override.getBy() + ": " + override.getReason();
                }
            }
            ComponentStatus now_ = status;
            String since = before.stream().filter(s -> s.getId().equals(component.getId()) && s.getStatus() == now_)
                    .map(ComponentState::getSince).filter(Objects::nonNull).findFirst().orElse(Timestamps.format(now));
            states.add(new ComponentState(component.getId(), status, since, cause));
        }
        return states;
    }

    /** Ends the periods whose component's status changed, begins one for each component now not operational. */
    private static List<ComponentPeriod> history(List<ComponentPeriod> before, List<ComponentState> states, Instant now) {
        String time = Timestamps.format(now);
        List<ComponentPeriod> history = new ArrayList<>(before);
        for (ComponentPeriod period : history) {
            if (period.getTo() == null && states.stream().noneMatch(s -> s.getId().equals(period.getComponent())
                    && s.getStatus() == period.getStatus())) {
                period.setTo(time);
            }
        }
        for (ComponentState state : states) {
            if (state.getStatus() != ComponentStatus.operational && history.stream().noneMatch(p -> p.getTo() == null
                    && p.getComponent().equals(state.getId()))) {
                history.add(new ComponentPeriod(state.getId(), state.getStatus(), state.getSince(), null));
            }
        }
        Instant oldest = now.minus(KEPT);
        history.removeIf(p -> p.getTo() != null && !Timestamps.parse(p.getTo()).isAfter(oldest));
        history.sort(Comparator.comparing(ComponentPeriod::getFrom, Comparator.reverseOrder()).thenComparing(ComponentPeriod::getComponent));
        return history;
    }

    private static <T> int lastIndexOf(List<T> list, java.util.function.Predicate<T> matching) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (matching.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
