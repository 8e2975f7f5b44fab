package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.incident.ChangeNote;
import dev.klaxon.prometheus.Sample;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opens and resolves the Incidents of alerts. Idempotent by construction: the open incident of
 * an alert is found by its labels, and a new one gets a name derived from rule, fingerprint and
 * sequence number, so a restarted operator (or a second writer) adopts instead of duplicating.
 */
public class IncidentWriter {

    private final KubernetesClient client;
    private final IncidentOpenedListener opened;

    public IncidentWriter(KubernetesClient client, IncidentOpenedListener opened) {
        this.client = client;
        this.opened = opened;
    }

    /** @return the name of the alert's open incident, created if there is none */
    public String ensureOpen(AlertRule rule, AlertState alert, Severity severity) {
        String namespace = rule.getMetadata().getNamespace();
        List<Incident> previous = incidentsOf(namespace, rule.getMetadata().getName(), alert.fingerprint());
        for (Incident incident : previous) {
            if (isOpen(incident)) {
                return incident.getMetadata().getName();
            }
        }
        int sequence = previous.stream().mapToInt(i -> sequenceOf(i.getMetadata().getName())).max().orElse(0);
        for (int attempt = 0; attempt < 3; attempt++) {
            String name = incidentName(rule.getMetadata().getName(), alert.fingerprint(), ++sequence);
            Incident incident = newIncident(rule, alert, severity, name);
            previous.stream().max(Comparator.comparing((Incident i) -> i.getMetadata().getCreationTimestamp()))
                    .ifPresent(last -> incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PREVIOUS_INCIDENT,
                            last.getMetadata().getName()));
            try {
                opened.opened(client.resource(incident).create(), rule);
                return name;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Created by an earlier attempt whose outcome we did not see? Adopt it only if it is this alert's and open.
                Incident existing = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
                if (existing != null && isOpen(existing) && alert.fingerprint().equals(existing.getMetadata().getLabels()
                        .get(KlaxonApi.LABEL_FINGERPRINT))) {
                    return name;
                }
            }
        }
        throw new KubernetesClientException("no free incident name for alert " + alert.fingerprint() + " of rule "
                + rule.getMetadata().getName());
    }

    private static int sequenceOf(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The rule's incidents that are still open, e.g. to find alerts a crashed operator had not yet recorded. */
    public List<Incident> openIncidentsOf(AlertRule rule) {
        return client.resources(Incident.class).inNamespace(rule.getMetadata().getNamespace())
                .withLabel(KlaxonApi.LABEL_RULE, labelValue(rule.getMetadata().getName()))
                .list().getItems().stream().filter(IncidentWriter::isOpen).toList();
    }

    /** Moves the incident to Resolved (a documented lifecycle move), saying why. */
    public boolean resolve(String namespace, String name, String reason) {
        Incident incident = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        if (incident == null || !isOpen(incident)) {
            return false;
        }
        patchSpec(namespace, name, "phase", IncidentPhase.Resolved.name(), ChangeNote.PHASE,
                new ChangeNote(incident.getSpec().getPhase().name(), IncidentPhase.Resolved.name(), KlaxonApi.OPERATOR_AUTHOR, reason));
        return true;
    }

    /** Raises an open incident's severity (Auto classification saw it get worse), saying why. */
    public boolean raiseSeverity(String namespace, String name, Severity severity, String reason) {
        Incident incident = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        if (incident == null || !isOpen(incident) || !SeverityClassifier.isWorse(severity, incident.getSpec().getSeverity())) {
            return false;
        }
        patchSpec(namespace, name, "severity", severity.name(), ChangeNote.SEVERITY,
                new ChangeNote(incident.getSpec().getSeverity().name(), severity.name(), KlaxonApi.OPERATOR_AUTHOR, reason));
        return true;
    }

    private void patchSpec(String namespace, String name, String field, String value, String noteAnnotation, ChangeNote note) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("annotations", Map.of(noteAnnotation, note.toJson()));
        if (field.equals("severity")) {
            metadata.put("labels", Map.of(KlaxonApi.LABEL_SEVERITY, value));
        }
        Map<String, Object> patch = Map.of("metadata", metadata, "spec", Map.of(field, value));
        client.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    private List<Incident> incidentsOf(String namespace, String rule, String fingerprint) {
        return client.resources(Incident.class).inNamespace(namespace)
                .withLabel(KlaxonApi.LABEL_RULE, labelValue(rule))
                .withLabel(KlaxonApi.LABEL_FINGERPRINT, fingerprint)
                .list().getItems();
    }

    static boolean isOpen(Incident incident) {
        IncidentPhase phase = incident.getSpec().getPhase();
        return phase == null || phase.isOpen();
    }

    private static Incident newIncident(AlertRule rule, AlertState alert, Severity severity, String name) {
        AlertRuleSpec spec = rule.getSpec();
        var template = spec.getIncident();
        Map<String, String> allLabels = new LinkedHashMap<>(alert.labels());
        if (spec.getLabels() != null) {
            allLabels.putAll(spec.getLabels());
        }
        IncidentSpec incidentSpec = new IncidentSpec();
        String title = template != null && template.getTitle() != null ? template.getTitle() : rule.getMetadata().getName();
        incidentSpec.setTitle(truncate(AlertTemplate.render(title, allLabels, alert.value()), 256));
        incidentSpec.setSeverity(severity);
        incidentSpec.setCategory(spec.getCategory());
        incidentSpec.setDescription(description(spec, allLabels, alert.value()));
        incidentSpec.setPhase(IncidentPhase.Detected);
        if (template != null) {
            incidentSpec.setEscalationPolicyRef(template.getEscalationPolicyRef());
        }
        if (template != null && (template.getAffectedServices() != null || template.getAffectedRegions() != null)) {
            Impact impact = new Impact();
            impact.setAffectedServices(template.getAffectedServices());
            impact.setAffectedRegions(template.getAffectedRegions());
            incidentSpec.setImpact(impact);
        }
        IncidentSource source = new IncidentSource();
        source.setAlertRule(rule.getMetadata().getName());
        source.setFingerprint(alert.fingerprint());
        source.setLabels(allLabels);
        source.setValue(Sample.plain(alert.value()));
        incidentSpec.setSource(source);

        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(rule.getMetadata().getNamespace())
                .addToLabels(KlaxonApi.LABEL_RULE, labelValue(rule.getMetadata().getName()))
                .addToLabels(KlaxonApi.LABEL_FINGERPRINT, alert.fingerprint())
                .addToLabels(KlaxonApi.LABEL_SEVERITY, severity.name())
                .withAnnotations(new LinkedHashMap<>())
                .build());
        if (spec.getRunbookUrl() != null) {
            incident.getMetadata().getAnnotations().put(KlaxonApi.GROUP + "/runbook-url", spec.getRunbookUrl());
        }
        incident.setSpec(incidentSpec);
        return incident;
    }

    private static String description(AlertRuleSpec spec, Map<String, String> labels, double value) {
        Map<String, String> annotations = spec.getAnnotations() == null ? Map.of() : spec.getAnnotations();
        String text = List.of("summary", "description").stream().map(annotations::get).filter(a -> a != null && !a.isBlank())
                .map(a -> AlertTemplate.render(a, labels, value)).collect(Collectors.joining("\n"));
        return text.isEmpty() ? spec.getDescription() : text;
    }

    /** rule-fingerprint-sequence, within the 253 characters of an object name. */
    static String incidentName(String rule, String fingerprint, int sequence) {
        String suffix = "-" + fingerprint + "-" + sequence;
        return truncate(rule, 253 - suffix.length()).replaceAll("[.-]+$", "") + suffix;
    }

    /** Label values are at most 63 characters; longer rule names keep a prefix and a hash. */
    static String labelValue(String value) {
        return KubernetesNames.fit(value, KubernetesNames.LABEL_MAX);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
