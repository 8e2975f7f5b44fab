package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
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
        var labels = incident.getMetadata().getLabels();
        if (labels == null || IncidentWriter.STORM_FINGERPRINT.equals(labels.get(KlaxonApi.LABEL_FINGERPRINT))
                || incident.getSpec().getSource() == null || incident.getSpec().getSource().getAlertRule() == null
                || !IncidentWriter.isSigned(key, incident)) {
            return Optional.empty();
        }
        String ruleName = incident.getSpec().getSource().getAlertRule();
        // The signature covers the rule label, not spec.source: the two must name the same rule.
        if (!IncidentWriter.labelValue(ruleName).equals(labels.get(KlaxonApi.LABEL_RULE))) {
            return Optional.empty();
        }
        Optional<IncidentTemplate> template = engine.rule(new ResourceID(ruleName, incident.getMetadata().getNamespace()))
                .map(AlertRule::getSpec).map(spec -> spec.getIncident());
        return Optional.of(new Limits(template.map(IncidentTemplate::getMaxPagedIncidentsPerHour).orElse(IncidentTemplate.DEFAULT_MAX_PAGED_INCIDENTS_PER_HOUR),
                template.map(IncidentTemplate::getMaxAutoRunsPerHour).orElse(IncidentTemplate.DEFAULT_MAX_AUTO_RUNS_PER_HOUR)));
    }
}
