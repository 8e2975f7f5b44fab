package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Text;
import dev.klaxon.incident.IncidentMoves;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.incident.ObjectOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents of burning budgets: {@code <objective>-burn-<n>}, opened through
 * {@link IncidentOpener} (one at a time per objective, adopted rather than doubled after a
 * crash), its severity raised when a page follows a ticket, resolved when no alert fires.
 */
final class SloIncidents {

    private final KubernetesClient client;
    private final OperatorKey key;
    private final IncidentOpener opener;
    private final IncidentMoves moves;

    SloIncidents(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.opener = new IncidentOpener(client, key);
        this.moves = new IncidentMoves(client);
    }

    /** Opens the incident of the burn (or finds the open one), noting the budget left (percent) if known; returns its name. */
    String open(ServiceLevelObjective slo, Severity severity, String title, String why, Instant since, Optional<Double> budgetLeft) {
        // The objective's signed incidents, final ones too, for the next name in the sequence.
        List<Incident> previous = client.resources(Incident.class).inNamespace(slo.getMetadata().getNamespace())
                .withLabel(KlaxonApi.LABEL_SLO, slo.getMetadata().getName()).list().getItems().stream()
                .filter(i -> IncidentProof.isSlos(key, i)).toList();
        return opener.open(new Burning(slo, severity, title, why, since, budgetLeft), previous);
    }

    boolean raiseSeverity(String namespace, String name, Severity severity, String why) {
        return moves.raiseSeverity(namespace, name, severity, why);
    }

    /** Resolves the incident, noting the budget left (percent) for its review. */
    boolean resolve(String namespace, String name, String why, Optional<Double> budgetLeft) {
        // In the resolving write itself: never on an incident a person resolved (or deleted) meanwhile.
        return moves.resolve(namespace, name, why, budgetLeft.map(left -> Map.of(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_RESOLVE,
                String.valueOf(left))).orElse(Map.of()));
    }

    /** An objective's burning budget as the origin of incidents. */
    private final class Burning extends ObjectOrigin {
        private final ServiceLevelObjective slo;
        private final Severity severity;
        private final String title;
        private final String why;
        private final Instant since;
        private final Optional<Double> budgetLeft;

        Burning(ServiceLevelObjective slo, Severity severity, String title, String why, Instant since, Optional<Double> budgetLeft) {
            super(slo.getMetadata().getNamespace(), slo.getMetadata().getName(), "burn", "slo-incident-name");
            this.slo = slo;
            this.severity = severity;
            this.title = title;
            this.why = why;
            this.since = since;
            this.budgetLeft = budgetLeft;
        }

        @Override
        public Incident incident(String name) {
            ServiceLevelObjectiveSpec spec = slo.getSpec();
            IncidentSpec incidentSpec = new IncidentSpec();
            incidentSpec.setTitle(Text.cut(title, KlaxonApi.MAX_ITEM));
            incidentSpec.setSeverity(severity);
            incidentSpec.setCategory(spec.getCategory());
            incidentSpec.setDescription(description(spec.getDescription(), why));
            incidentSpec.setEscalationPolicyRef(spec.getEscalationPolicyRef());
            Map<String, String> annotations = new HashMap<>(Map.of(KlaxonApi.ANNOTATION_SLO_WINDOW, SloAlerting.windowText(spec)));
            budgetLeft.ifPresent(left -> annotations.put(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN, String.valueOf(left)));
            return incident(name, KlaxonApi.LABEL_SLO, incidentSpec, spec.getPlaybookRef(), since, annotations);
        }

        @Override
        public String proofText(Incident incident) {
            return IncidentProof.ofSlo(incident.getMetadata().getNamespace(), incident.getMetadata().getName(),
                    slo.getMetadata().getName(), slo.getSpec().getPlaybookRef());
        }

        @Override
        public boolean isOwnOpenIncident(Incident existing) {
            return IncidentProof.isSlos(key, existing) && IncidentOpener.isOpen(existing)
                    && slo.getMetadata().getName().equals(existing.getMetadata().getLabels().get(KlaxonApi.LABEL_SLO));
        }

        @Override
        public String describe() {
            return "ServiceLevelObjective " + slo.getMetadata().getName();
        }
    }
}
