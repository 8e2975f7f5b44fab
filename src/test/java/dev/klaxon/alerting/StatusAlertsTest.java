package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusAlertsTest {

    private static final Instant T = Instant.parse("2026-12-02T06:00:00Z");

    /** A storm: 5,000 pending alerts over pod labels, and a few firing ones that matter most. */
    private static Map<String, AlertState> storm() {
        Map<String, AlertState> alerts = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            String fingerprint = String.format("p%05d", i);
            alerts.put(fingerprint, new AlertState(fingerprint, Map.of("pod", "checkout-" + i, "namespace", "shop", "team", "payments"),
                    2, AlertState.Phase.Pending, T.plusSeconds(i), null, null, null, null));
        }
        for (int i = 0; i < 3; i++) {
            String fingerprint = "f" + i;
            alerts.put(fingerprint, new AlertState(fingerprint, Map.of("service", "api-" + i), 5, AlertState.Phase.Firing, T, T,
                    null, null, "rule-" + fingerprint + "-1"));
        }
        return alerts;
    }

    @Test
    void aStormIsCountedWholeAndListedWithinItsByteBudgetMostRelevantFirst() throws Exception {
        StatusAlerts.Listed listed = StatusAlerts.of(storm(), 128 * 1024);

        assertThat(new ObjectMapper().writeValueAsBytes(listed.alerts()).length).isLessThanOrEqualTo(128 * 1024);
        assertThat(listed.alerts()).hasSizeBetween(100, 4999);
        assertThat(listed.alerts()).extracting(Alert::getFingerprint).startsWith("f0", "f1", "f2", "p04999", "p04998");
        assertThat(listed.counts().getFiring()).isEqualTo(3);
        assertThat(listed.counts().getPending()).isEqualTo(5000);
        assertThat(listed.counts().getInactive()).isZero();
        assertThat(listed.counts().getOmitted()).isEqualTo(5003 - listed.alerts().size());
    }

    @Test
    void aRuleWithFewAlertsListsThemAll() {
        Map<String, AlertState> alerts = Map.of("a", new AlertState("a", Map.of(), 1, AlertState.Phase.Firing, T, T, null, null, "x"));

        StatusAlerts.Listed listed = StatusAlerts.of(alerts, 128 * 1024);

        assertThat(listed.alerts()).singleElement().satisfies(a -> assertThat(a.getState()).isEqualTo(AlertRuleStatus.State.Firing));
        assertThat(listed.counts().getOmitted()).isZero();
    }
}
