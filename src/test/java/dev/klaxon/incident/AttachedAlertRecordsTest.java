package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.HoldReason;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttachedAlertRecordsTest {

    private static HeldBackAlert alert(String rule, String instance) {
        HeldBackAlert alert = new HeldBackAlert();
        alert.setNamespace("shop");
        alert.setAlertRule(rule);
        alert.setLabels(Map.of("instance", instance));
        alert.setReason(HoldReason.Dependency);
        return alert;
    }

    private static IncidentStatus open() {
        IncidentStatus status = new IncidentStatus();
        status.setPhase(IncidentPhase.Detected);
        status.setTimeline(new ArrayList<>());
        return status;
    }

    @Test
    void alertsThatJoinAreListedCountedAndToldOnceInTheTimeline() {
        IncidentStatus status = open();
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t1");
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t2");
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(
                List.of(alert("api-errors", "b"), alert("checkout-errors", "a")), 2)), "t3");

        assertThat(status.getHeldBackAlertCount()).isEqualTo(2);
        assertThat(status.getHeldBackAlerts()).extracting(HeldBackAlert::getAlertRule).containsExactly("api-errors", "checkout-errors");
        assertThat(status.getTimeline()).extracting(e -> e.getTime() + " " + e.getMessage()).satisfiesExactly(
                first -> assertThat(first).startsWith("t1 1 more firing alert(s)").contains("shop/checkout-errors (Dependency)"),
                second -> assertThat(second).startsWith("t3 1 more").contains("shop/api-errors").doesNotContain("checkout-errors"));
    }

    @Test
    void aResolvedIncidentKeepsTheLastListAsItsRecord() {
        IncidentStatus status = open();
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t1");
        status.setPhase(IncidentPhase.Resolved);
        AttachedAlertRecords.record(status, Optional.empty(), "t2");

        assertThat(status.getHeldBackAlertCount()).isEqualTo(1);
        assertThat(status.getHeldBackAlerts()).hasSize(1);
    }

    @Test
    void alertsThatLeaveWhileItIsOpenLeaveTheList() {
        IncidentStatus status = open();
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t1");
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(), 0)), "t2");

        assertThat(status.getHeldBackAlertCount()).isNull();
        assertThat(status.getHeldBackAlerts()).isNull();
    }

    @Test
    void whatIsNotKnownYetAfterARestartChangesNothingAndTellsNothingTwice() {
        IncidentStatus status = open();
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t1");
        AttachedAlertRecords.record(status, Optional.empty(), "t2");
        AttachedAlertRecords.record(status, Optional.of(new HeldBackAlerts.Listed(List.of(alert("checkout-errors", "a")), 1)), "t3");

        assertThat(status.getHeldBackAlertCount()).isEqualTo(1);
        assertThat(status.getTimeline()).hasSize(1);
    }
}
