package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.common.Problem;
import dev.klaxon.common.Timestamps;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live evaluation state of one rule, between the evaluating thread and the reconciler that
 * writes it into status. Rebuilt from status after a restart.
 */
final class RuleRuntime {

    /** What the reconciler writes into status. */
    record Snapshot(Map<String, AlertState> alerts, Instant lastEvaluation, Duration lastDuration, Problem error) {
    }

    private Map<String, AlertState> alerts;
    private Instant lastEvaluation;
    private Duration lastDuration;
    private Problem error;
    volatile boolean evaluating;

    RuleRuntime(Map<String, AlertState> restored) {
        this.alerts = restored;
    }

    synchronized Map<String, AlertState> alerts() {
        return alerts;
    }

    synchronized void evaluated(Map<String, AlertState> next, Instant at, Duration took) {
        alerts = next;
        lastEvaluation = at;
        lastDuration = took;
        error = null;
    }

    synchronized void failed(Problem problem, Instant at, Duration took) {
        lastEvaluation = at;
        lastDuration = took;
        error = problem;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(alerts, lastEvaluation, lastDuration, error);
    }

    /** Status form of the alerts. */
    static List<Alert> toStatus(Map<String, AlertState> alerts) {
        List<Alert> list = new ArrayList<>();
        for (AlertState state : alerts.values()) {
            Alert alert = new Alert();
            alert.setFingerprint(state.fingerprint());
            alert.setLabels(state.labels());
            alert.setValue(Sample.plain(state.value()));
            alert.setState(switch (state.phase()) {
                case Pending -> AlertRuleStatus.State.Pending;
                case Firing -> AlertRuleStatus.State.Firing;
                case Resolving -> AlertRuleStatus.State.Inactive;
            });
            alert.setActiveAt(format(state.activeAt()));
            alert.setFiringAt(format(state.firingAt()));
            alert.setKeepFiringSince(format(state.keepFiringSince()));
            alert.setResolvedAt(format(state.resolvedAt()));
            alert.setIncident(state.incident());
            alert.setNoDataSince(format(state.noDataSince()));
            if (state.held() instanceof Suppressions.Maintenance window) {
                alert.setSuppressedBy(window.window());
            } else if (state.held() instanceof Suppressions.Attachment attachment) {
                alert.setHeldBackBy(attachment.root());
                alert.setHeldBecause(attachment.reason());
            }
            list.add(alert);
        }
        return list;
    }

    /** The alerts a previous operator left in status. */
    static Map<String, AlertState> fromStatus(AlertRuleStatus status) {
        Map<String, AlertState> alerts = new LinkedHashMap<>();
        if (status == null || status.getAlerts() == null) {
            return alerts;
        }
        for (Alert a : status.getAlerts()) {
            if (a.getFingerprint() == null || a.getState() == null || a.getActiveAt() == null) {
                continue;
            }
            AlertState.Phase phase = switch (a.getState()) {
                case Pending -> AlertState.Phase.Pending;
                case Firing -> AlertState.Phase.Firing;
                case Inactive -> a.getResolvedAt() != null ? AlertState.Phase.Resolving : null;
            };
            if (phase == null) {
                continue;
            }
            try {
                alerts.put(a.getFingerprint(), new AlertState(a.getFingerprint(), a.getLabels() == null ? Map.of() : a.getLabels(),
                        valueOf(a.getValue()), phase, parse(a.getActiveAt()), parse(a.getFiringAt()), parse(a.getKeepFiringSince()),
                        parse(a.getResolvedAt()), a.getIncident(), parse(a.getNoDataSince()), attachment(a)));
            } catch (DateTimeParseException e) {
                // Not a time the operator wrote: the alert starts afresh at the next evaluation.
            }
        }
        return alerts;
    }

    /** The incident a previous operator attached the alert to: it stays attached while that incident is open. */
    private static Suppressions.Attachment attachment(Alert a) {
        if (a.getHeldBackBy() == null || a.getHeldBecause() == null || a.getIncident() != null) {
            return null;
        }
        String[] root = a.getHeldBackBy().split("/", 2);
        return root.length == 2 ? new Suppressions.Attachment(a.getHeldBecause(), root[0], root[1], "restored from status") : null;
    }

    /** A stored value as a number; anything else (it was not the operator's to write) reads as NaN rather than failing. */
    static double valueOf(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return PrometheusClient.value(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Firing beats Pending beats Inactive. */
    static AlertRuleStatus.State worst(Map<String, AlertState> alerts) {
        boolean pending = false;
        for (AlertState alert : alerts.values()) {
            if (alert.phase() == AlertState.Phase.Firing) {
                return AlertRuleStatus.State.Firing;
            }
            pending |= alert.phase() == AlertState.Phase.Pending;
        }
        return pending ? AlertRuleStatus.State.Pending : AlertRuleStatus.State.Inactive;
    }

    private static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    private static Instant parse(String text) {
        return text == null ? null : Timestamps.parse(text);
    }
}
