package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.RuleLimits;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The hourly limits of the rule that opened an incident, read from the rules' informer. Only an
 * incident the operator signed for a rule's alert is bound by them (a label copied onto a declared
 * incident binds nothing), and never the incident the alerts of a storm share. A rule deleted
 * since leaves its incidents with the defaults.
 */
@ApplicationScoped
public class AlertRuleLimits implements RuleLimits {

    private final AlertEngine engine;
    private final OperatorKey key;

    public AlertRuleLimits(AlertEngine engine, OperatorKey key) {
        this.engine = engine;
        this.key = key;
    }

    @Override
    public Optional<Limits> of(Incident incident) {
        if (IncidentWriter.isStormIncident(incident)) {
            return Optional.empty();
        }
        return IncidentWriter.signedRuleOf(key, incident).map(rule -> {
            Optional<IncidentTemplate> template = engine.rule(new ResourceID(rule, incident.getMetadata().getNamespace()))
                    .map(AlertRule::getSpec).map(AlertRuleSpec::getIncident);
            return new Limits(template.map(IncidentTemplate::getMaxPagedIncidentsPerHour).orElse(IncidentTemplate.DEFAULT_MAX_PAGED_INCIDENTS_PER_HOUR),
                    template.map(IncidentTemplate::getMaxAutoRunsPerHour).orElse(IncidentTemplate.DEFAULT_MAX_AUTO_RUNS_PER_HOUR));
        });
    }
}
