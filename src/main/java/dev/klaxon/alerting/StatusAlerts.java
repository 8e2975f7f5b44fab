package dev.klaxon.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertCounts;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A rule's alerts as its status shows them: every alert counted, the most relevant listed
 * within a byte budget. One query over everything can return thousands of series; listed
 * whole they made a rule object larger than etcd accepts (1.5 MiB), and every write of it
 * costs the API server in proportion.
 */
final class StatusAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Firing, then pending, then the rest; newest first; then by fingerprint, so the list is stable. */
    private static final Comparator<Alert> RELEVANCE = Comparator.comparingInt((Alert a) -> switch (a.getState()) {
        case Firing -> 0;
        case Pending -> 1;
        case Inactive -> 2;
    }).thenComparing(Alert::getActiveAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Alert::getFingerprint);

    record Listed(List<Alert> alerts, AlertCounts counts) {
    }

    private StatusAlerts() {
    }

    static Listed of(Map<String, AlertState> alerts, long maxBytes) {
        List<Alert> all = new ArrayList<>(RuleRuntime.toStatus(alerts));
        all.sort(RELEVANCE);
        List<Alert> listed = new ArrayList<>();
        long bytes = 2;
        for (Alert alert : all) {
            bytes += size(alert) + 1;
            if (bytes > maxBytes) {
                break;
            }
            listed.add(alert);
        }
        int firing = count(all, AlertRuleStatus.State.Firing);
        int pending = count(all, AlertRuleStatus.State.Pending);
        return new Listed(listed, new AlertCounts(firing, pending, all.size() - firing - pending, all.size() - listed.size()));
    }

    private static int count(List<Alert> alerts, AlertRuleStatus.State state) {
        return (int) alerts.stream().filter(a -> a.getState() == state).count();
    }

    /** The bytes a listed value takes in a status. */
    static long size(Object listed) {
        try {
            return JSON.writeValueAsBytes(listed).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert always serializes", e);
        }
    }
}
