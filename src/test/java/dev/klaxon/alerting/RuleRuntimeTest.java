package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a restarted operator reads back from status is what the previous one wrote. */
class RuleRuntimeTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void alertsSurviveTheRoundTripThroughStatus() {
        Map<String, AlertState> alerts = new LinkedHashMap<>();
        alerts.put("a", new AlertState("a", Map.of("service", "api"), 0.25, AlertState.Phase.Firing, T, T.plusSeconds(30),
                T.plusSeconds(50), null, "rule-a-1"));
        alerts.put("b", new AlertState("b", Map.of("service", "web"), 2, AlertState.Phase.Pending, T, null, null, null, null));
        alerts.put("c", new AlertState("c", Map.of(), 0, AlertState.Phase.Resolving, T, T.plusSeconds(5), null, T.plusSeconds(60),
                "rule-c-2"));
        AlertRuleStatus status = new AlertRuleStatus();
        status.setAlerts(RuleRuntime.toStatus(alerts));

        assertThat(RuleRuntime.fromStatus(status)).isEqualTo(alerts);
        assertThat(status.getAlerts()).extracting(a -> a.getState().name()).containsExactly("Firing", "Pending", "Inactive");
    }

    @Test
    void theRuleStateIsItsWorstAlert() {
        assertThat(RuleRuntime.worst(Map.of())).isEqualTo(AlertRuleStatus.State.Inactive);
        assertThat(RuleRuntime.worst(Map.of("b", new AlertState("b", Map.of(), 1, AlertState.Phase.Pending, T, null, null, null, null))))
                .isEqualTo(AlertRuleStatus.State.Pending);
    }

    @Test
    void storedValuesTheOperatorCouldNotHaveWrittenNeitherFailNorStopTheRestore() {
        AlertRuleStatus status = new AlertRuleStatus();
        dev.klaxon.api.v1alpha1.Alert odd = new dev.klaxon.api.v1alpha1.Alert();
        odd.setFingerprint("a1");
        odd.setState(AlertRuleStatus.State.Firing);
        odd.setActiveAt("2026-12-02T06:00:00Z");
        odd.setValue("x");
        dev.klaxon.api.v1alpha1.Alert badTime = new dev.klaxon.api.v1alpha1.Alert();
        badTime.setFingerprint("b2");
        badTime.setState(AlertRuleStatus.State.Firing);
        badTime.setActiveAt("yesterday");
        status.setAlerts(java.util.List.of(odd, badTime));

        Map<String, AlertState> restored = RuleRuntime.fromStatus(status);

        assertThat(restored).containsOnlyKeys("a1");
        assertThat(restored.get("a1").value()).isNaN();
        assertThat(RuleRuntime.valueOf("+Inf")).isInfinite();
        assertThat(RuleRuntime.valueOf("0.25")).isEqualTo(0.25);
    }
}
