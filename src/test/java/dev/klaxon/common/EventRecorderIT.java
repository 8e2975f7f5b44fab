package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same happening counts on one Event, written with the chart's RBAC on the real API server. */
class EventRecorderIT {

    @Test
    void aRepeatCountsOnTheSameEventAndAnotherMessageIsAnotherEvent() {
        TestCluster cluster = TestCluster.get();
        KubernetesClient admin = cluster.admin();
        String namespace = cluster.createNamespace("events");
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        Incident created = admin.resource(incident).create();
        String token = OperatorUnderTest.installChartRbacAndIssueToken(admin);
        try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.adminConfig())
                .withOauthToken(token).withClientCertData(null).withClientKeyData(null).withClientCertFile(null).withClientKeyFile(null)
                .build()).build()) {
            Instant first = Instant.parse("2026-12-02T10:00:00Z");
            new EventRecorder(asOperator, Clock.fixed(first, ZoneOffset.UTC)).record(created, EventRecorder.Type.Warning, EventReason.NotificationFailed, "via pager: no answer");
            EventRecorder later = new EventRecorder(asOperator, Clock.fixed(first.plusSeconds(90), ZoneOffset.UTC));
            later.record(created, EventRecorder.Type.Warning, EventReason.NotificationFailed, "via pager: no answer");
            later.record(created, EventRecorder.Type.Warning, EventReason.NotificationFailed, "via pager: no answer");
            later.record(created, EventRecorder.Type.Warning, EventReason.NotificationFailed, "via email: no answer");
        }

        List<Event> events = admin.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getReason().equals("NotificationFailed")).toList();
        assertThat(events).hasSize(2);
        assertThat(events).filteredOn(e -> e.getMessage().equals("via pager: no answer")).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(3);
            assertThat(e.getFirstTimestamp()).isEqualTo("2026-12-02T10:00:00Z");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-12-02T10:01:30Z");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
        });
        assertThat(events).filteredOn(e -> e.getMessage().equals("via email: no answer")).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
    }
}
