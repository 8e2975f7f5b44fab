package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a rule's alerts stood when the operator (or the previous leader) stopped. */
final class RuleRestore {

    private RuleRestore() {
    }

    /**
     * The alerts a previous operator left in status, plus any open incident of the rule's own
     * (signed) that status does not mention (it crashed between creating the incident and writing
     * status): such an alert continues as firing, so its incident still resolves when it is quiet.
     * Nothing stored can stop the restore: a value it cannot read is unknown.
     */
    static Map<String, AlertState> alerts(AlertRule rule, List<Incident> openIncidents) {
        Map<String, AlertState> alerts = RuleRuntime.fromStatus(rule.getStatus());
        Set<String> known = alerts.values().stream().map(AlertState::incident).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> ruleLabels = rule.getSpec().getLabels() == null ? Set.of() : rule.getSpec().getLabels().keySet();
        for (Incident open : openIncidents) {
            String fingerprint = open.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT);
            // A storm's shared incident is no alert of its own: the alerts that share it come back with the next evaluation.
            if (fingerprint == null || IncidentWriter.STORM_FINGERPRINT.equals(fingerprint) || alerts.containsKey(fingerprint)
                    || known.contains(open.getMetadata().getName())) {
                continue;
            }
            var source = open.getSpec().getSource();
            Map<String, String> labels = new LinkedHashMap<>(source != null && source.getLabels() != null ? source.getLabels() : Map.of());
            labels.keySet().removeAll(ruleLabels);
            double value = RuleRuntime.valueOf(source != null ? source.getValue() : null);
            Instant created = Timestamps.parse(open.getMetadata().getCreationTimestamp());
            alerts.put(fingerprint, new AlertState(fingerprint, labels, value, AlertState.Phase.Firing, created, created, null, null,
                    open.getMetadata().getName()));
        }
        return alerts;
    }
}
