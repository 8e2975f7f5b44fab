package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.common.Problem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The uptime of components that name an objective ({@code sloRef}): its SLI day by day, as the
 * objective's status has it, instead of the time incidents took the component down.
 */
final class ObjectiveUptime {

    private ObjectiveUptime() {
    }

    /**
     * Gives each state whose component names an objective that objective's days (none while it has
     * not read any); returns the references to objectives that are not there.
     */
    static List<Problem> apply(List<StatusComponent> components, List<ComponentState> states, Map<String, ServiceLevelObjective> objectives) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < components.size() && i < states.size(); i++) {
            String ref = components.get(i).getSloRef();
            if (ref == null) {
                continue;
            }
            ServiceLevelObjective slo = objectives.get(ref);
            if (slo == null) {
                problems.add(new Problem(ConditionReason.ObjectiveNotFound, "spec.components[" + i + "].sloRef: ServiceLevelObjective " + ref
                        + " does not exist in this namespace; the component's bars show incident time"));
                continue;
            }
            ServiceLevelObjectiveStatus status = slo.getStatus();
            if (status != null && status.getDailySli() != null && !status.getDailySli().isEmpty() && isDay(status.getDailySliThrough())) {
                ComponentState state = states.get(i);
                state.setObjective(slo.getSpec().getObjective());
                state.setDailySli(List.copyOf(status.getDailySli()));
                state.setDailySliThrough(status.getDailySliThrough());
            }
        }
        return problems;
    }

    /** A day the site can read (a status is the operator's, but the page must never stop on one it cannot). */
    private static boolean isDay(String text) {
        try {
            return text != null && java.time.LocalDate.parse(text) != null;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The objectives a page's components name. */
    static Set<String> refs(List<StatusComponent> components) {
        return components.stream().map(StatusComponent::getSloRef).filter(r -> r != null).collect(Collectors.toSet());
    }

    /** Whether what a page reads of the objective changed (most of its updates are figures no page shows). */
    static boolean changedForPages(ServiceLevelObjective newer, ServiceLevelObjective older) {
        ServiceLevelObjective a = whatAPageShows(newer);
        ServiceLevelObjective b = whatAPageShows(older);
        return !Objects.equals(a.getSpec().getObjective(), b.getSpec().getObjective())
                || !Objects.equals(a.getStatus().getDailySli(), b.getStatus().getDailySli())
                || !Objects.equals(a.getStatus().getDailySliThrough(), b.getStatus().getDailySliThrough());
    }

    /** What of an objective a page reads: its objective and its days. */
    static ServiceLevelObjective whatAPageShows(ServiceLevelObjective slo) {
        ServiceLevelObjective kept = new ServiceLevelObjective();
        kept.setMetadata(new ObjectMetaBuilder().withName(slo.getMetadata().getName()).withNamespace(slo.getMetadata().getNamespace())
                .withUid(slo.getMetadata().getUid()).withResourceVersion(slo.getMetadata().getResourceVersion()).build());
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setObjective(slo.getSpec() == null ? null : slo.getSpec().getObjective());
        kept.setSpec(spec);
        ServiceLevelObjectiveStatus status = new ServiceLevelObjectiveStatus();
        Optional.ofNullable(slo.getStatus()).ifPresent(s -> {
            status.setDailySli(s.getDailySli());
            status.setDailySliThrough(s.getDailySliThrough());
        });
        kept.setStatus(status);
        return kept;
    }
}
