package dev.klaxon.correlation;

import dev.klaxon.alerting.Suppressions;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.HoldReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.incident.OpenIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A new alert of a service whose dependency (direct or not) has an open incident is attached to
 * the incident of the nearest such dependency (the oldest, if it has several).
 */
@ApplicationScoped
public class DependencyHolds implements Suppressions {

    private final DependencyDeclarations declarations;
    private final OpenIncidents openIncidents;

    public DependencyHolds(DependencyDeclarations declarations, OpenIncidents openIncidents) {
        this.declarations = declarations;
        this.openIncidents = openIncidents;
    }

    @Override
    public Optional<Attachment> of(AlertRule rule, Map<String, String> labels) {
        Set<String> services = Services.ofAlert(rule, labels);
        if (services.isEmpty()) {
            return Optional.empty();
        }
        String namespace = rule.getMetadata().getNamespace();
        Map<String, List<Incident>> open = new HashMap<>();
        for (DependencyGraph.Node dependency : declarations.graph().dependenciesOf(namespace, services)) {
            Optional<Incident> incident = open.computeIfAbsent(dependency.namespace(), openIncidents::in).stream()
                    .filter(i -> Services.ofIncident(i).contains(dependency.service()) && !Services.outranks(rule, i)).findFirst();
            if (incident.isPresent()) {
                String of = dependency.namespace().equals(namespace) ? dependency.service() : dependency.namespace() + "/" + dependency.service();
                return Optional.of(new Attachment(HoldReason.Dependency, dependency.namespace(), incident.get().getMetadata().getName(),
                        "service " + String.join(", ", services) + " depends on " + of));
            }
        }
        return Optional.empty();
    }
}
