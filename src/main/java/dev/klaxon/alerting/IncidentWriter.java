package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OpenWork;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Text;
import dev.klaxon.incident.IncidentMoves;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import dev.klaxon.prometheus.Sample;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Opens and resolves the Incidents of alerts. Idempotent by construction: the open incident of
 * an alert is found by its labels, and a new one gets a name derived from rule, fingerprint and
 * sequence number, so a restarted operator (or a second writer) adopts instead of duplicating.
 *
 * <p>What every origin of incidents shares is {@code incident}'s: naming, signing and
 * create-or-adopt ({@link IncidentOpener}), recognising its own ({@link IncidentProof}) and the
 * moves ({@link IncidentMoves}); this is a rule's alerts' side of it, and finds their incidents in
 * the reconciler's informer.
 */
public class IncidentWriter {

    private final KubernetesClient client;
    /** What an Incident's spec.source.labels holds at most (its schema's limit). */
    static final int MAX_SOURCE_LABELS = 64;

    private final OperatorKey key;
    /** The fingerprint label of the incident a rule's alerts share past incident.maxOpenIncidents (no real fingerprint looks like it). */
    static final String STORM_FINGERPRINT = "storm";

    /** The rules' incidents as the reconciler's informer holds them, looked up without a request. */
    interface IncidentCache {
        Optional<Incident> get(ResourceID id);

        /** The incidents labelled as this alert's (rule label and fingerprint), signed or not. */
        List<Incident> ofAlert(String namespace, String ruleLabel, String fingerprint);

        /** The index key {@link #ofAlert} looks up. */
        static String alertKey(String namespace, String ruleLabel, String fingerprint) {
            return namespace + "/" + ruleLabel + "/" + fingerprint;
        }
    }

    private volatile IncidentCache cache;

    private final IncidentOpener opener;
    private final IncidentMoves moves;

    public IncidentWriter(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.opener = new IncidentOpener(client, key);
        this.moves = new IncidentMoves(client);
    }

    /** @return the name of the alert's open incident, created if there is none */
    public String ensureOpen(AlertRule rule, AlertState alert, Severity severity, String replacesDeleted) {
        String namespace = rule.getMetadata().getNamespace();
        // From the informer when there is one: a storm's thousands of alerts cost no request each.
        // A lagging cache cannot duplicate: names follow the sequence, and a taken one is adopted only if it is ours and open.
        List<Incident> previous = (cache != null ? cache.ofAlert(namespace, labelValue(rule.getMetadata().getName()), alert.fingerprint())
                : incidentsOf(namespace, rule.getMetadata().getName(), alert.fingerprint())).stream()
                .filter(this::isOurs).toList();
        if (cache != null && previous.stream().noneMatch(IncidentOpener::isOpen)) {
            // Final incidents are not cached (OpenWork): the alert's history, for the next name in the
            // sequence and the previous incident, comes from the API server's watch cache, once per opening.
            previous = incidentsOf(namespace, rule.getMetadata().getName(), alert.fingerprint()).stream().filter(this::isOurs).toList();
        }
        // Its playbook run is started by the incident's reconciler (AutoRunStarter), which also
        // starts it when this process dies right after the create.
        return opener.open(new RuleAlertOrigin(rule, alert, severity, replacesDeleted), previous);
    }

    /** A rule's alert as the origin of incidents: {@code <rule>-<fingerprint>-<n>}, signed over rule, fingerprint and auto-run. */
    private final class RuleAlertOrigin implements IncidentOpener.Origin {
        private final AlertRule rule;
        private final AlertState alert;
        private final Severity severity;
        private final String replacesDeleted;

        RuleAlertOrigin(AlertRule rule, AlertState alert, Severity severity, String replacesDeleted) {
            this.rule = rule;
            this.alert = alert;
            this.severity = severity;
            this.replacesDeleted = replacesDeleted;
        }

        @Override
        public String name(int sequence) {
            return incidentName(rule.getMetadata().getName(), alert.fingerprint(), sequence);
        }

        @Override
        public String unguessableName(int sequence, OperatorKey key) {
            String suffix = key.sign("incident-name\n" + rule.getMetadata().getNamespace() + "\n" + rule.getMetadata().getName() + "\n"
                    + alert.fingerprint() + "\n" + sequence).substring(0, 12);
            return Text.cut(name(sequence), 253 - suffix.length() - 1) + "-" + suffix;
        }

        @Override
        public int sequenceOf(String name) {
            return IncidentWriter.sequenceOf(name, alert.fingerprint());
        }

        @Override
        public Incident incident(String name) {
            Incident incident = newIncident(rule, alert, severity, name);
            if (replacesDeleted != null) {
                incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_REPLACES_DELETED, replacesDeleted);
            }
            return incident;
        }

        @Override
        public String proofText(Incident incident) {
            return IncidentProof.ofRuleAlert(incident.getMetadata().getNamespace(), incident.getMetadata().getName(),
                    incident.getMetadata().getLabels().get(KlaxonApi.LABEL_RULE), alert.fingerprint(),
                    incident.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK));
        }

        @Override
        public boolean isOwnOpenIncident(Incident existing) {
            return isOurs(existing) && IncidentOpener.isOpen(existing)
                    && alert.fingerprint().equals(existing.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT));
        }

        @Override
        public String describe() {
            return "alert " + alert.fingerprint() + " of rule " + rule.getMetadata().getName();
        }
    }

    /** Where the rules' incidents are cached (the reconciler's informer); until set, every look-up asks the API server. */
    void useCache(IncidentCache cache) {
        this.cache = cache;
    }

    /**
     * The incident the alerts of a storm share once the rule has {@code incident.maxOpenIncidents}
     * of its own: one per rule at a time, signed like the others, starting no playbook.
     */
    public String ensureStormIncident(AlertRule rule, Severity severity, int alerts, Instant at) {
        AlertState storm = new AlertState(STORM_FINGERPRINT, Map.of(), alerts, AlertState.Phase.Firing, at, at, null, null, null);
        return ensureOpen(rule, storm, severity, null);
    }

    /** Says on the storm's incident how many alerts it stands for now. */
    public void countStorm(String namespace, String name, int alerts) {
        client.resources(Incident.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations",
                        Map.of(KlaxonApi.ANNOTATION_STORM_ALERTS, Integer.toString(alerts))))));
    }

    /**
     * Whether the incident is gone (deleted). The cache answers for the incidents it holds; one it
     * does not hold (just created, or deleted) is asked of the API server, so a cache that lags
     * never makes a second incident.
     */
    boolean isGone(String namespace, String name) {
        String key = namespace + "/" + name;
        Instant seenFinal = knownFinal.get(key);
        if (cache != null && cache.get(new ResourceID(name, namespace)).isPresent()
                || seenFinal != null && seenFinal.isAfter(Instant.now().minus(FINAL_RECHECK))) {
            return false;
        }
        Incident incident = client.resources(Incident.class).inNamespace(namespace).withName(name).get();
        if (incident != null && OpenWork.isFinal(incident)) {
            // Closed by hand while its alert fires: not cached any more, and asked for again only now and then.
            knownFinal.put(key, Instant.now());
        } else {
            knownFinal.remove(key);
        }
        return incident == null;
    }

    /** Final incidents that firing alerts still name (closed by hand while they fired): when each was last seen, at most 10,000. */
    private static final Duration FINAL_RECHECK = Duration.ofMinutes(5);
    private final Map<String, Instant> knownFinal = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > 10_000;
        }
    });

    /** Whether the operator opened this incident for the alert its labels name (its signature holds). */
    boolean isOurs(Incident incident) {
        return IncidentProof.isRuleAlerts(key, incident);
    }

    /**
     * The rule the operator opened this incident for: its signature holds, and spec.source names the
     * rule its signed label names (the signature covers the label, not spec.source). Empty for
     * declared incidents and copies.
     */
    static Optional<String> signedRuleOf(OperatorKey key, Incident incident) {
        var labels = incident.getMetadata().getLabels();
        var source = incident.getSpec().getSource();
        if (labels == null || source == null || source.getAlertRule() == null
                || !labelValue(source.getAlertRule()).equals(labels.get(KlaxonApi.LABEL_RULE)) || !IncidentProof.isRuleAlerts(key, incident)) {
            return Optional.empty();
        }
        return Optional.of(source.getAlertRule());
    }

    /** Whether this is the incident the alerts of a storm share. */
    static boolean isStormIncident(Incident incident) {
        var labels = incident.getMetadata().getLabels();
        return labels != null && STORM_FINGERPRINT.equals(labels.get(KlaxonApi.LABEL_FINGERPRINT));
    }

    /** The n of {@code <rule>-<fingerprint>-<n>}, also when a suffix follows it (an unguessable name); 0 when there is none. */
    static int sequenceOf(String name, String fingerprint) {
        int at = name.lastIndexOf("-" + fingerprint + "-");
        if (at < 0) {
            return 0;
        }
        String rest = name.substring(at + fingerprint.length() + 2);
        int dash = rest.indexOf('-');
        try {
            return Integer.parseInt(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The rule's incidents that are still open, e.g. to find alerts a crashed operator had not yet recorded. */
    public List<Incident> openIncidentsOf(AlertRule rule) {
        return client.resources(Incident.class).inNamespace(rule.getMetadata().getNamespace())
                .withLabel(KlaxonApi.LABEL_RULE, labelValue(rule.getMetadata().getName()))
                .withoutLabel(KlaxonApi.LABEL_FINAL)
                .list().getItems().stream().filter(i -> IncidentOpener.isOpen(i) && isOurs(i)).toList();
    }

    /** Moves the incident to Resolved, saying why (see {@link IncidentMoves}). */
    public boolean resolve(String namespace, String name, String reason) {
        return moves.resolve(namespace, name, reason);
    }

    public void markNoData(String namespace, String name, Instant since) {
        moves.markNoData(namespace, name, since);
    }

    public boolean raiseSeverity(String namespace, String name, Severity severity, String reason) {
        return moves.raiseSeverity(namespace, name, severity, reason);
    }

    /** The alert's incidents, final ones included, as the API server's watch cache has them (no quorum read of every incident). */
    private List<Incident> incidentsOf(String namespace, String rule, String fingerprint) {
        return client.resources(Incident.class).inNamespace(namespace)
                .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion("0")
                        .withLabelSelector(KlaxonApi.LABEL_RULE + "=" + labelValue(rule) + "," + KlaxonApi.LABEL_FINGERPRINT + "=" + fingerprint)
                        .build()).getItems();
    }

    static int maxOpenIncidents(AlertRuleSpec spec) {
        return spec.getIncident() != null && spec.getIncident().getMaxOpenIncidents() != null
                ? spec.getIncident().getMaxOpenIncidents() : IncidentTemplate.DEFAULT_MAX_OPEN_INCIDENTS;
    }

    private static Incident newIncident(AlertRule rule, AlertState alert, Severity severity, String name) {
        AlertRuleSpec spec = rule.getSpec();
        var template = spec.getIncident();
        Map<String, String> allLabels = incidentLabels(alert.labels(), spec.getLabels());
        IncidentSpec incidentSpec = new IncidentSpec();
        String title = template != null && template.getTitle() != null ? template.getTitle() : rule.getMetadata().getName();
        boolean storm = STORM_FINGERPRINT.equals(alert.fingerprint());
        incidentSpec.setTitle(storm ? Text.truncate("Alert storm: " + rule.getMetadata().getName() + " has more firing alerts than its "
                + maxOpenIncidents(spec) + " incidents", 256) : Text.truncate(AlertTemplate.render(title, allLabels, alert.value()), 256));
        incidentSpec.setSeverity(severity);
        incidentSpec.setCategory(spec.getCategory());
        incidentSpec.setDescription(storm ? "AlertRule " + rule.getMetadata().getName() + " opened its incident.maxOpenIncidents ("
                + maxOpenIncidents(spec) + ") incidents, and more of its alerts fire: they share this incident rather than page "
                + "one by one. The annotation " + KlaxonApi.ANNOTATION_STORM_ALERTS + " counts them; kubectl get alertrule "
                + rule.getMetadata().getName() + " -o yaml lists them. Narrow or aggregate the query, or raise the cap."
                : description(spec, allLabels, alert.value()));
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
            incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_RUNBOOK_URL, spec.getRunbookUrl());
        }
        if (template != null && template.getPlaybookRef() != null && !storm) {
            incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, template.getPlaybookRef());
        }
        if (storm) {
            incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_STORM_ALERTS, Sample.plain(alert.value()));
        }
        incident.setSpec(incidentSpec);
        return incident;
    }

    /**
     * The alert's labels and the rule's (the rule's win), at most {@link #MAX_SOURCE_LABELS}: an
     * alert over a series with many labels (kube_pod_labels) still gets its incident. The rule's
     * labels are kept first, then the alert's in name order.
     */
    static Map<String, String> incidentLabels(Map<String, String> alert, Map<String, String> rule) {
        Map<String, String> labels = Text.boundedLabels(rule, MAX_SOURCE_LABELS);
        new TreeMap<>(alert).forEach((name, value) -> Text.putLabel(labels, name, value, MAX_SOURCE_LABELS));
        return labels;
    }

    private static String description(AlertRuleSpec spec, Map<String, String> labels, double value) {
        Map<String, String> annotations = spec.getAnnotations() == null ? Map.of() : spec.getAnnotations();
        String text = List.of("summary", "description").stream().map(annotations::get).filter(a -> a != null && !a.isBlank())
                .map(a -> AlertTemplate.render(a, labels, value)).collect(Collectors.joining("\n"));
        return text.isEmpty() ? spec.getDescription() : Text.truncate(text, KlaxonApi.MAX_TEXT);
    }

    /** rule-fingerprint-sequence, within the 253 characters of an object name. */
    static String incidentName(String rule, String fingerprint, int sequence) {
        String suffix = "-" + fingerprint + "-" + sequence;
        return Text.cut(rule, 253 - suffix.length()).replaceAll("[.-]+$", "") + suffix;
    }

    /** Label values are at most 63 characters; longer rule names keep a prefix and a hash. */
    static String labelValue(String value) {
        return KubernetesNames.fit(value, KubernetesNames.LABEL_MAX);
    }

}
