package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.SharedAlerts;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The alerts of a storm that share its incident, from the engine's last evaluation of the rule,
 * listed as the rule's status lists its alerts (most relevant first, within the same byte budget).
 */
@ApplicationScoped
public class StormAlerts implements SharedAlerts {

    private final AlertEngine engine;
    private final OperatorKey key;
    private final long maxBytes;

    public StormAlerts(AlertEngine engine, OperatorKey key, KlaxonConfig config) {
        this.engine = engine;
        this.key = key;
        this.maxBytes = config.evaluation().maxStatusAlertBytes().asLongValue();
    }

    @Override
    public Optional<Listed> of(Incident incident) {
        if (!IncidentWriter.isStormIncident(incident)) {
            return Optional.empty();
        }
        String name = incident.getMetadata().getName();
        return IncidentWriter.signedRuleOf(key, incident)
                .flatMap(rule -> engine.snapshot(new ResourceID(rule, incident.getMetadata().getNamespace()))).map(snapshot -> {
                    Map<String, AlertState> sharing = snapshot.alerts().entrySet().stream().filter(e -> name.equals(e.getValue().incident()))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                    StatusAlerts.Listed listed = StatusAlerts.of(sharing, maxBytes);
                    return new Listed(listed.alerts(), listed.counts());
                });
    }
}
