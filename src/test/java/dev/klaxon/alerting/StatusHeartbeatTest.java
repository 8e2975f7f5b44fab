package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusHeartbeatTest {

    private static final java.time.Duration MINUTE = java.time.Duration.ofMinutes(1);

    private static AlertRuleStatus status(String evaluatedAt, String value, AlertRuleStatus.State state) {
        AlertRuleStatus status = new AlertRuleStatus();
        status.setState(state);
        status.setLastEvaluationTime(evaluatedAt);
        status.setLastEvaluationDuration("12ms");
        Alert alert = new Alert();
        alert.setFingerprint("abc");
        alert.setLabels(Map.of("service", "checkout"));
        alert.setValue(value);
        alert.setState(state);
        alert.setActiveAt("2026-12-02T10:00:00Z");
        status.setAlerts(List.of(alert));
        return status;
    }

    @Test
    void anEvaluationThatChangedNothingButTheClockIsNotWritten() {
        var stored = StatusHeartbeat.snapshot(status("2026-12-02T10:00:00Z", "0.25", AlertRuleStatus.State.Firing));

        assertThat(StatusHeartbeat.worthWriting(stored, status("2026-12-02T10:00:10Z", "0.31", AlertRuleStatus.State.Firing), MINUTE))
                .as("a new evaluation time and value only").isFalse();
        assertThat(StatusHeartbeat.worthWriting(stored, status("2026-12-02T10:00:59Z", "0.31", AlertRuleStatus.State.Firing), MINUTE)).isFalse();
    }

    @Test
    void theHeartbeatIsMirroredAtMostOnceAMinute() {
        var stored = StatusHeartbeat.snapshot(status("2026-12-02T10:00:00Z", "0.25", AlertRuleStatus.State.Firing));

        assertThat(StatusHeartbeat.worthWriting(stored, status("2026-12-02T10:01:00Z", "0.25", AlertRuleStatus.State.Firing), MINUTE)).isTrue();
    }

    @Test
    void aChangeOfStateIsWrittenAtOnce() {
        var stored = StatusHeartbeat.snapshot(status("2026-12-02T10:00:00Z", "0.25", AlertRuleStatus.State.Pending));

        assertThat(StatusHeartbeat.worthWriting(stored, status("2026-12-02T10:00:01Z", "0.25", AlertRuleStatus.State.Firing), MINUTE)).isTrue();
    }

    @Test
    void anIncidentLinkedToAnAlertIsWrittenAtOnce() {
        var stored = StatusHeartbeat.snapshot(status("2026-12-02T10:00:00Z", "0.25", AlertRuleStatus.State.Firing));
        AlertRuleStatus linked = status("2026-12-02T10:00:01Z", "0.25", AlertRuleStatus.State.Firing);
        linked.getAlerts().get(0).setIncident("checkout-errors-abc-1");

        assertThat(StatusHeartbeat.worthWriting(stored, linked, MINUTE)).isTrue();
    }

    @Test
    void theFirstStatusIsAlwaysWritten() {
        assertThat(StatusHeartbeat.worthWriting(null, status(null, null, AlertRuleStatus.State.Inactive), MINUTE)).isTrue();
        var neverEvaluated = StatusHeartbeat.snapshot(status(null, null, AlertRuleStatus.State.Inactive));
        assertThat(StatusHeartbeat.worthWriting(neverEvaluated, status("2026-12-02T10:00:01Z", null, AlertRuleStatus.State.Inactive), MINUTE))
                .as("the first evaluation").isTrue();
    }
}
