package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import java.util.Map;

/**
 * How the operator recognises the incidents it opened. Labels and names are anyone's to copy: an
 * incident counts as an origin's only when it carries the operator's signature (annotation
 * klaxon.dev/proof) over what identifies it. Each origin signs its own text, so an incident of
 * one never passes for the other's.
 */
public final class IncidentProof {

    private IncidentProof() {
    }

    /** What the operator signs for a rule's alert; an incident without an auto-run signs what incidents always did. */
    public static String ofRuleAlert(String namespace, String name, String ruleLabel, String fingerprint, String autoRunPlaybook) {
        return "incident\n" + namespace + "\n" + name + "\n" + ruleLabel + "\n" + fingerprint
                + (autoRunPlaybook == null ? "" : "\nplaybook\n" + autoRunPlaybook);
    }

    /** What the operator signs for an Alertmanager alert of an AlertSource (its group key). */
    public static String ofAlertSource(String namespace, String name, String source, String alertKey) {
        return "alertsource-incident\n" + namespace + "\n" + name + "\n" + source + "\n" + alertKey;
    }

    /** What the operator signs for a missed Heartbeat, with the playbook its incident is owed, if any. */
    public static String ofHeartbeat(String namespace, String name, String heartbeat, String autoRunPlaybook) {
        return "heartbeat-incident\n" + namespace + "\n" + name + "\n" + heartbeat + (autoRunPlaybook == null ? "" : "\nplaybook\n" + autoRunPlaybook);
    }

    /** What the operator signs for a ServiceLevelObjective's burning budget, with the playbook its incident is owed, if any. */
    public static String ofSlo(String namespace, String name, String slo, String autoRunPlaybook) {
        return "slo-incident\n" + namespace + "\n" + name + "\n" + slo + (autoRunPlaybook == null ? "" : "\nplaybook\n" + autoRunPlaybook);
    }

    /** Whether the operator opened this incident for an objective's burning budget (its slo label and auto-run playbook signed). */
    public static boolean isSlos(OperatorKey key, Incident incident) {
        var metadata = incident.getMetadata();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        String proof = annotations.get(KlaxonApi.ANNOTATION_PROOF);
        String slo = metadata.getLabels() == null ? null : metadata.getLabels().get(KlaxonApi.LABEL_SLO);
        return proof != null && slo != null && key.verify(ofSlo(metadata.getNamespace(), metadata.getName(), slo,
                annotations.get(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK)), proof);
    }

    /** What the operator signs for an incident about its own dependencies (e.g. Prometheus unreachable). */
    public static String ofWatcher(String namespace, String name, String watcher) {
        return "watcher-incident\n" + namespace + "\n" + name + "\n" + watcher;
    }

    /** Whether the operator opened this incident about one of its dependencies (its watcher label signed). */
    public static boolean isWatchers(OperatorKey key, Incident incident) {
        var metadata = incident.getMetadata();
        String proof = metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(KlaxonApi.ANNOTATION_PROOF);
        String watcher = metadata.getLabels() == null ? null : metadata.getLabels().get(KlaxonApi.LABEL_WATCHER);
        return proof != null && watcher != null && key.verify(ofWatcher(metadata.getNamespace(), metadata.getName(), watcher), proof);
    }

    /** Whether the operator opened this incident for a missed Heartbeat (its heartbeat label and auto-run playbook signed). */
    public static boolean isHeartbeats(OperatorKey key, Incident incident) {
        var metadata = incident.getMetadata();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        String proof = annotations.get(KlaxonApi.ANNOTATION_PROOF);
        String heartbeat = metadata.getLabels() == null ? null : metadata.getLabels().get(KlaxonApi.LABEL_HEARTBEAT);
        return proof != null && heartbeat != null && key.verify(ofHeartbeat(metadata.getNamespace(), metadata.getName(), heartbeat,
                annotations.get(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK)), proof);
    }

    /**
     * Whether the operator opened this incident for a rule's alert: its signature holds over the
     * name, the rule and fingerprint labels and the auto-run playbook annotation, none of which
     * anyone else can then change.
     */
    public static boolean isRuleAlerts(OperatorKey key, Incident incident) {
        var metadata = incident.getMetadata();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        String proof = annotations.get(KlaxonApi.ANNOTATION_PROOF);
        String rule = labels.get(KlaxonApi.LABEL_RULE);
        String fingerprint = labels.get(KlaxonApi.LABEL_FINGERPRINT);
        return proof != null && rule != null && fingerprint != null && key.verify(ofRuleAlert(metadata.getNamespace(), metadata.getName(),
                rule, fingerprint, annotations.get(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK)), proof);
    }

    /** Whether the operator opened this incident for an AlertSource's alert (its source and key labels signed). */
    public static boolean isAlertSources(OperatorKey key, Incident incident) {
        var metadata = incident.getMetadata();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        String proof = metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(KlaxonApi.ANNOTATION_PROOF);
        String source = labels.get(KlaxonApi.LABEL_ALERT_SOURCE);
        String fingerprint = labels.get(KlaxonApi.LABEL_FINGERPRINT);
        return proof != null && source != null && fingerprint != null
                && key.verify(ofAlertSource(metadata.getNamespace(), metadata.getName(), source, fingerprint), proof);
    }
}
