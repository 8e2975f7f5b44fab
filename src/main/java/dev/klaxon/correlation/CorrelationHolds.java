package dev.klaxon.correlation;

import dev.klaxon.alerting.Suppressions;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Correlation;
import dev.klaxon.api.v1alpha1.HoldReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import dev.klaxon.escalation.EscalationPolicies;
import dev.klaxon.escalation.EscalationPolicyReconciler;
import dev.klaxon.incident.OpenIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A new alert of a rule whose incidents would use a policy with spec.correlation joins the oldest
 * open incident of another rule under that policy, with the same values of the policy's labels,
 * opened within the window.
 */
@ApplicationScoped
public class CorrelationHolds implements Suppressions {

    private final EscalationPolicies policies;
    private final OpenIncidents openIncidents;
    private final Clock clock;

    public CorrelationHolds(EscalationPolicies policies, OpenIncidents openIncidents, Clock clock) {
        this.policies = policies;
        this.openIncidents = openIncidents;
        this.clock = clock;
    }

    @Override
    public Optional<Attachment> of(AlertRule rule, Map<String, String> labels) {
        var template = rule.getSpec().getIncident();
        String policyName = template != null ? template.getEscalationPolicyRef() : null;
        if (policyName == null) {
            return Optional.empty();
        }
        String namespace = rule.getMetadata().getNamespace();
        Correlation correlation = policies.get(namespace, policyName).map(p -> p.getSpec().getCorrelation()).orElse(null);
        if (correlation == null || !labels.keySet().containsAll(correlation.getLabels())) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(window(correlation));
        return openIncidents.in(namespace).stream()
                .filter(i -> policyName.equals(i.getSpec().getEscalationPolicyRef()))
                .filter(i -> i.getSpec().getSource() != null && i.getSpec().getSource().getAlertRule() != null
                        && !i.getSpec().getSource().getAlertRule().equals(rule.getMetadata().getName()))
                .filter(i -> sameValues(correlation.getLabels(), labels, i) && !Services.outranks(rule, i))
                .filter(i -> openedAt(i).map(at -> !at.isBefore(since)).orElse(false))
                .findFirst()
                .map(i -> new Attachment(HoldReason.Correlation, namespace, i.getMetadata().getName(), "policy " + policyName + " correlates "
                        + correlation.getLabels().stream().map(l -> l + "=" + labels.get(l)).collect(Collectors.joining(","))
                        + " within " + (correlation.getWindow() == null ? Correlation.DEFAULT_WINDOW : correlation.getWindow())));
    }

    /** The window, at most 24h (a longer one makes the policy Ready=False and is cut). */
    static Duration window(Correlation correlation) {
        Duration window = KlaxonDurations.parse(correlation.getWindow() == null ? Correlation.DEFAULT_WINDOW : correlation.getWindow());
        return window.compareTo(EscalationPolicyReconciler.MAX_CORRELATION_WINDOW) > 0 ? EscalationPolicyReconciler.MAX_CORRELATION_WINDOW : window;
    }

    private static boolean sameValues(List<String> names, Map<String, String> labels, Incident incident) {
        Map<String, String> theirs = incident.getSpec().getSource().getLabels();
        return theirs != null && names.stream().allMatch(n -> Objects.equals(labels.get(n), theirs.get(n)));
    }

    /** When the operator recorded it (its clock, the one the window is measured with); until then, when it was created. */
    private static Optional<Instant> openedAt(Incident incident) {
        if (incident.getStatus() != null && incident.getStatus().getDetectedAt() != null) {
            return Optional.of(Timestamps.parse(incident.getStatus().getDetectedAt()));
        }
        String created = incident.getMetadata().getCreationTimestamp();
        return created == null ? Optional.empty() : Optional.of(Timestamps.parse(created));
    }
}
