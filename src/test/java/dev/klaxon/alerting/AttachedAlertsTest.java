package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.HoldReason;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AttachedAlertsTest {

    @Test
    void theListStaysWithinItsBytesKeepingTheFirst() throws Exception {
        List<HeldBackAlert> alerts = IntStream.range(0, 500).mapToObj(i -> {
            HeldBackAlert alert = new HeldBackAlert();
            alert.setNamespace("shop");
            alert.setAlertRule("checkout-errors");
            alert.setLabels(Map.of("pod", "checkout-" + i, "service", "checkout"));
            alert.setReason(HoldReason.Dependency);
            return alert;
        }).toList();

        List<HeldBackAlert> listed = AttachedAlerts.bounded(alerts, 4096);

        assertThat(listed).isNotEmpty().hasSizeLessThan(500);
        assertThat(listed.get(0).getLabels()).containsEntry("pod", "checkout-0");
        assertThat(new ObjectMapper().writeValueAsBytes(listed).length).isLessThanOrEqualTo(4096);
        assertThat(AttachedAlerts.bounded(alerts.subList(0, 3), 4096)).hasSize(3);
    }
}
