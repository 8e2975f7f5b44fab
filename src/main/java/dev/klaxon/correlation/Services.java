package dev.klaxon.correlation;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What service an alert or an incident is of: the one home of that rule. An alert: the value of
 * its {@code service} label (with its rule's spec.labels) and the services its rule's incidents
 * affect; an incident: the services its impact names and its alert's {@code service} label.
 */
final class Services {

    /** The label that names the service an alert is of. */
    static final String LABEL = "service";

    private Services() {
    }

    static Set<String> ofAlert(AlertRule rule, Map<String, String> labels) {
        Set<String> services = new LinkedHashSet<>();
        if (labels.get(LABEL) != null) {
            services.add(labels.get(LABEL));
        }
        var template = rule.getSpec().getIncident();
        if (template != null && template.getAffectedServices() != null) {
            services.addAll(template.getAffectedServices());
        }
        return services;
    }

    /**
     * Whether the rule's alerts are more severe than the incident (a fixed severity above its own):
     * such an alert is never held back by it — a SEV1 symptom pages even while a SEV4 cause is open.
     * An Auto severity is not known before the alert's incident is classified, and is held.
     */
    static boolean outranks(AlertRule rule, Incident incident) {
        var severity = rule.getSpec().getSeverity();
        var theirs = incident.getSpec().getSeverity();
        return severity != null && severity != dev.klaxon.api.v1alpha1.AlertRuleSpec.RuleSeverity.Auto && theirs != null
                && dev.klaxon.api.v1alpha1.Severity.valueOf(severity.name()).ordinal() < theirs.ordinal();
    }

    static Set<String> ofIncident(Incident incident) {
        Set<String> services = new LinkedHashSet<>();
        var spec = incident.getSpec();
        if (spec.getSource() != null && spec.getSource().getLabels() != null && spec.getSource().getLabels().get(LABEL) != null) {
            services.add(spec.getSource().getLabels().get(LABEL));
        }
        List<String> affected = spec.getImpact() != null ? spec.getImpact().getAffectedServices() : null;
        if (affected != null) {
            services.addAll(affected);
        }
        return services;
    }
}
