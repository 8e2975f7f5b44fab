package dev.klaxon.alertmanager;

import dev.klaxon.common.Digests;
import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.AlertSourceSpec;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Text;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.IncidentOpener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one Alertmanager notification means for the source's incidents: which to open and which
 * to resolve. Plain: given the incidents the source already has (signed ones only), it decides;
 * the same notification twice (Alertmanager retries, or both halves of a partitioned HA pair
 * send it) decides nothing the second time.
 */
final class AlertmanagerIngest {

    /** The key of the incident the alerts past spec.maxOpenIncidents share (no fingerprint or group hash looks like it). */
    static final String STORM = "storm";
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_LABELS = 64;
    private static final Pattern LABEL_SAFE = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?");

    /** An incident to open: the key it is known by, and its spec. */
    record Opening(String key, IncidentSpec spec) {
    }

    /** @param resolve the names of open incidents to resolve */
    record Plan(List<Opening> open, List<String> resolve) {
        boolean isEmpty() {
            return open.isEmpty() && resolve.isEmpty();
        }
    }

    private AlertmanagerIngest() {
    }

    /** @param incidents the source's incidents (signed by the operator), open or not */
    static Plan plan(AlertSource source, AlertmanagerPayload payload, List<Incident> incidents) {
        AlertSourceSpec spec = source.getSpec();
        Map<String, Incident> openByKey = new LinkedHashMap<>();
        for (Incident incident : incidents) {
            if (IncidentOpener.isOpen(incident)) {
                openByKey.put(keyOf(incident), incident);
            }
        }
        List<Opening> open = new ArrayList<>();
        Set<String> resolve = new java.util.LinkedHashSet<>();
        Set<String> planned = new HashSet<>();
        int cap = spec.getMaxOpenIncidents() == null ? 20 : spec.getMaxOpenIncidents();
        int openCount = (int) openByKey.keySet().stream().filter(k -> !STORM.equals(k)).count();
        if (spec.getGrouping() == AlertSourceSpec.Grouping.Group) {
            String key = hashKey(payload.groupKey() == null ? "" : payload.groupKey());
            if (payload.isFiring()) {
                if (!openByKey.containsKey(key) && openCount < cap) {
                    open.add(new Opening(key, groupIncident(source, payload)));
                } else if (!openByKey.containsKey(key) && !openByKey.containsKey(STORM)) {
                    // Past the cap (high-cardinality groups) the groups share the storm incident too.
                    open.add(new Opening(STORM, stormIncident(source, cap)));
                }
            } else if (openByKey.containsKey(key) && endsFiringOf(openByKey.get(key), latestStart(payload.alerts()))) {
                resolve.add(openByKey.get(key).getMetadata().getName());
            }
            return new Plan(open, List.copyOf(resolve));
        }
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            String key = alertKey(alert.fingerprint());
            if (!alert.isFiring()) {
                if (openByKey.containsKey(key) && endsFiringOf(openByKey.get(key), Timestamps.parseWritten(alert.startsAt()))) {
                    resolve.add(openByKey.get(key).getMetadata().getName());
                }
                continue;
            }
            // A firing alert without an open incident opens one, also when it is a late copy of a firing whose incident was
            // just resolved: a duplicate incident is noise, an alert that fires and pages nobody is silence.
            if (openByKey.containsKey(key) || !planned.add(key)) {
                continue;
            }
            if (openCount >= cap) {
                // Past the cap the alerts share one incident: a storm pages once, not a thousand times.
                if (!openByKey.containsKey(STORM) && planned.add(STORM)) {
                    open.add(new Opening(STORM, stormIncident(source, cap)));
                }
                continue;
            }
            openCount++;
            open.add(new Opening(key, alertIncident(source, payload, alert)));
        }
        return new Plan(open, List.copyOf(resolve));
    }

    /** The alert's fingerprint as a label value; one that could not be (not Alertmanager's hex) is hashed. */
    static String alertKey(String fingerprint) {
        return LABEL_SAFE.matcher(fingerprint).matches() && !STORM.equals(fingerprint) ? fingerprint : hashKey(fingerprint);
    }

    static String hashKey(String text) {
        return "g" + HexFormat.of().formatHex(Digests.sha256(text), 0, 8);
    }

    static String keyOf(Incident incident) {
        return incident.getMetadata().getLabels() == null ? "" : incident.getMetadata().getLabels().getOrDefault(KlaxonApi.LABEL_FINGERPRINT, "");
    }

    static Severity severity(AlertSourceSpec spec, Map<String, String> labels) {
        String value = labels.get(spec.getSeverityLabel() == null ? "severity" : spec.getSeverityLabel());
        if (value == null) {
            return spec.getDefaultSeverity();
        }
        if (spec.getSeverities() != null && spec.getSeverities().containsKey(value)) {
            return spec.getSeverities().get(value);
        }
        return Severity.ofPrometheusLabel(value).orElse(spec.getDefaultSeverity());
    }

    private static IncidentSpec alertIncident(AlertSource source, AlertmanagerPayload payload, AlertmanagerPayload.Alert alert) {
        Map<String, String> annotations = alert.annotations();
        String title = firstOf(annotations.get("summary"), annotations.get("title"), alert.labels().get("alertname"), "Alertmanager alert");
        StringBuilder description = new StringBuilder(firstOf(annotations.get("description"), annotations.get("message"), ""));
        appendLink(description, "Started", alert.startsAt());
        appendLink(description, "Source", alert.generatorURL());
        appendLink(description, "Alertmanager", payload.externalURL());
        IncidentSpec spec = spec(source, title, description.toString(), alert.labels(), alertKey(alert.fingerprint()));
        Timestamps.parseWritten(alert.startsAt()).ifPresent(start -> spec.getSource().setStartsAt(Timestamps.format(start)));
        return spec;
    }

    /**
     * Whether a resolution of alerts that began at {@code resolvedStart} ends the incident's firing:
     * not when they began before it (a replayed or late notification of an earlier firing, which
     * would otherwise resolve the incident of the new one). An incident without a recorded start
     * (opened before it was recorded) takes any resolution.
     */
    static boolean endsFiringOf(Incident incident, Optional<Instant> resolvedStart) {
        String recorded = incident.getSpec().getSource() == null ? null : incident.getSpec().getSource().getStartsAt();
        if (recorded == null) {
            return true;
        }
        return resolvedStart.map(start -> !start.isBefore(Timestamps.parse(recorded))).orElse(false);
    }

    /** When the latest of the alerts began: a group's resolution covers alerts up to then. */
    private static Optional<Instant> latestStart(List<AlertmanagerPayload.Alert> alerts) {
        return alerts.stream().map(a -> Timestamps.parseWritten(a.startsAt())).flatMap(Optional::stream).max(Instant::compareTo);
    }

    private static Optional<Instant> earliestStart(List<AlertmanagerPayload.Alert> alerts) {
        return alerts.stream().filter(AlertmanagerPayload.Alert::isFiring).map(a -> Timestamps.parseWritten(a.startsAt()))
                .flatMap(Optional::stream).min(Instant::compareTo);
    }

    private static IncidentSpec groupIncident(AlertSource source, AlertmanagerPayload payload) {
        Map<String, String> annotations = payload.commonAnnotations();
        Map<String, String> labels = payload.commonLabels();
        String title = firstOf(annotations.get("summary"), annotations.get("title"), labels.get("alertname"), "Alertmanager alert group");
        long firing = payload.alerts().stream().filter(AlertmanagerPayload.Alert::isFiring).count();
        StringBuilder description = new StringBuilder(firstOf(annotations.get("description"), annotations.get("message"), ""));
        if (!description.isEmpty()) {
            description.append("\n\n");
        }
        description.append(firing).append(" alert(s) firing in group ").append(payload.groupLabels() == null ? "{}" : payload.groupLabels());
        if (payload.truncatedAlerts() != null && payload.truncatedAlerts() > 0) {
            description.append(" (").append(payload.truncatedAlerts()).append(" more not sent by Alertmanager)");
        }
        appendLink(description, "Alertmanager", payload.externalURL());
        IncidentSpec spec = spec(source, title, description.toString(), labels, hashKey(payload.groupKey() == null ? "" : payload.groupKey()));
        earliestStart(payload.alerts()).ifPresent(start -> spec.getSource().setStartsAt(Timestamps.format(start)));
        return spec;
    }

    private static IncidentSpec stormIncident(AlertSource source, int cap) {
        String name = source.getMetadata().getName();
        return spec(source, "Alert storm: AlertSource " + name + " has more firing alerts than its " + cap + " incidents",
                "AlertSource " + name + " has spec.maxOpenIncidents (" + cap + ") open incidents, and more of its alerts fire: they share "
                        + "this incident rather than page one by one. Alertmanager's UI lists them. Resolve this incident once the storm "
                        + "has passed, or group alerts (spec.grouping: Group) or raise the cap.", Map.of(), STORM);
    }

    private static IncidentSpec spec(AlertSource source, String title, String description, Map<String, String> labels, String key) {
        AlertSourceSpec spec = source.getSpec();
        IncidentSpec incident = new IncidentSpec();
        incident.setTitle(Text.truncate(title.strip().isEmpty() ? "Alertmanager alert" : title.strip(), MAX_TITLE));
        incident.setDescription(description.isBlank() ? null : Text.truncate(description.strip(), MAX_DESCRIPTION));
        incident.setSeverity(severity(spec, labels));
        incident.setCategory(spec.getCategory());
        incident.setEscalationPolicyRef(spec.getEscalationPolicyRef());
        incident.setPhase(IncidentPhase.Detected);
        String service = labels.get(spec.getServiceLabel() == null ? "service" : spec.getServiceLabel());
        if (service != null && !service.isBlank()) {
            Impact impact = new Impact();
            impact.setAffectedServices(List.of(Text.truncate(service.strip(), 253)));
            incident.setImpact(impact);
        }
        IncidentSource from = new IncidentSource();
        from.setAlertSource(source.getMetadata().getName());
        from.setFingerprint(key);
        Map<String, String> kept = Text.boundedLabels(new TreeMap<>(labels), MAX_LABELS);
        from.setLabels(kept.isEmpty() ? null : kept);
        incident.setSource(from);
        return incident;
    }

    private static void appendLink(StringBuilder text, String what, String value) {
        if (value != null && !value.isBlank()) {
            text.append(text.isEmpty() ? "" : "\n").append(what).append(": ").append(value.strip());
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

}
