package dev.klaxon.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a rule's freshly computed status is worth writing. Status is what people look at, not
 * a heartbeat: it is written when the alerts, their states or incidents, or the conditions
 * change; the last evaluation time and duration and the alerts' current values change on every
 * evaluation and are mirrored at most once per {@code mirrorEvery} (their live form is the
 * metric klaxon_rule_last_evaluation_timestamp_seconds). Writing every evaluation of 1,000 rules
 * was most of the API server's and etcd's cost.
 */
final class StatusHeartbeat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusHeartbeat() {
    }

    /** {@code before} as it is stored (null: never written), {@code after} as the reconciler computed it. */
    static boolean worthWriting(JsonNode before, AlertRuleStatus after, Duration mirrorEvery) {
        if (before == null || before.isNull()) {
            return true;
        }
        JsonNode next = JSON.valueToTree(after);
        if (!withoutHeartbeat(before).equals(withoutHeartbeat(next))) {
            return true;
        }
        Instant written = time(before.path("lastEvaluationTime"));
        Instant now = time(next.path("lastEvaluationTime"));
        if (written == null || now == null) {
            return written != now;
        }
        return !now.isBefore(written.plus(mirrorEvery));
    }

    /** The stored status as a JSON tree, taken before the reconciler changes the object. */
    static JsonNode snapshot(AlertRuleStatus stored) {
        return stored == null ? null : JSON.valueToTree(stored);
    }

    private static JsonNode withoutHeartbeat(JsonNode status) {
        ObjectNode copy = status.deepCopy();
        copy.remove("lastEvaluationTime");
        copy.remove("lastEvaluationDuration");
        copy.path("alerts").forEach(alert -> {
            if (alert instanceof ObjectNode node) {
                node.remove("value");
            }
        });
        return copy;
    }

    private static Instant time(JsonNode text) {
        return text.isTextual() ? Timestamps.parse(text.asText()) : null;
    }
}
