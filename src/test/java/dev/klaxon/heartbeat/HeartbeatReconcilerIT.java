package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.HeartbeatStatus;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.DirectReconcile;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HeartbeatReconciler}'s recoveries, one {@code reconcile()} each on the real API server
 * ({@link DirectReconcile}): what a crash or a deleted namesake leaves behind.
 */
class HeartbeatReconcilerIT {

    private static final OperatorKey KEY = new OperatorKey("the key of the test's operator!!".getBytes(StandardCharsets.UTF_8));
    private static KubernetesClient admin;
    private static String namespace;

    @BeforeAll
    static void start() {
        admin = TestCluster.get().admin();
        namespace = TestCluster.get().createNamespace("heartbeat-reconciler");
        OperatorUnderTest.installChartRbacAndIssueToken(admin); // the operator's namespace, where the Secret and the Leases are
        Channels.shareSecret(admin, namespace, namespace + "-token", "token", "t");
    }

    @Test
    void anIncidentOpenedBeforeACrashLostTheStatusWriteIsResolvedOnceTheSignalIsBack() {
        Heartbeat heartbeat = create("crashed");
        Instant now = Instant.now();
        // Opened, then the operator died before writing status.state=Missed; the check-in came back meanwhile.
        String opened = new HeartbeatIncidents(admin, KEY).open(heartbeat, "no check-in", now);
        Lease lease = renew(heartbeat, now);

        reconcile(heartbeat, lease, now);

        assertThat(admin.resources(Incident.class).inNamespace(namespace).withName(opened).get().getSpec().getPhase())
                .isEqualTo(IncidentPhase.Resolved);
        assertThat(admin.resource(heartbeat).get().getStatus().getState()).isEqualTo(HeartbeatStatus.State.Healthy);
    }

    @Test
    void aLeaseOlderThanTheHeartbeatIsADeletedNamesakesAndCountsForNothing() {
        Heartbeat heartbeat = create("recreated");
        Instant created = Instant.parse(heartbeat.getMetadata().getCreationTimestamp());
        Lease stale = renew(heartbeat, created.minusSeconds(3600));

        reconcile(heartbeat, stale, created.plusSeconds(60));

        HeartbeatStatus status = admin.resource(heartbeat).get().getStatus();
        assertThat(status.getState()).as("its first signal is still due, not missed since the namesake's").isEqualTo(HeartbeatStatus.State.Waiting);
        assertThat(status.getLastSignalAt()).isNull();
    }

    private static Heartbeat create(String name) {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        heartbeat.setSpec(new HeartbeatSpec());
        heartbeat.getSpec().setPeriod("1h");
        heartbeat.getSpec().setCheckIn(new HeartbeatSpec.CheckIn());
        heartbeat.getSpec().getCheckIn().setTokenSecretRef(new SecretKeyRef(namespace + "-token", "token"));
        return admin.resource(heartbeat).create();
    }

    private static Lease renew(Heartbeat heartbeat, Instant at) {
        KubernetesClient inOperatorNamespace = admin.adapt(io.fabric8.kubernetes.client.NamespacedKubernetesClient.class).inNamespace(OperatorUnderTest.NAMESPACE);
        new CheckInLeases(inOperatorNamespace).renew(namespace, heartbeat.getMetadata().getName(), at);
        return admin.leases().inNamespace(OperatorUnderTest.NAMESPACE)
                .withName(CheckInLeases.leaseName(namespace, heartbeat.getMetadata().getName())).get();
    }

    private static void reconcile(Heartbeat heartbeat, Lease lease, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        EventRecorder events = new EventRecorder(admin, clock);
        KubernetesClient inOperatorNamespace = admin.adapt(io.fabric8.kubernetes.client.NamespacedKubernetesClient.class).inNamespace(OperatorUnderTest.NAMESPACE);
        HeartbeatReconciler reconciler = new HeartbeatReconciler(new ReadyCondition(clock, events), events, clock, inOperatorNamespace, KEY,
                DirectReconcile.config(Map.of("klaxon.heartbeats.port", "8082")), new HeartbeatMetrics(new SimpleMeterRegistry()));
        var context = DirectReconcile.<Heartbeat>on(admin)
                .secondary(HeartbeatReconciler.CHECK_INS, () -> Optional.of(lease))
                .secondaries(Incident.class, () -> admin.resources(Incident.class).inNamespace(namespace)
                        .withLabel(KlaxonApi.LABEL_HEARTBEAT, heartbeat.getMetadata().getName()).list().getItems())
                .context();
        Heartbeat current = admin.resource(heartbeat).get();
        var update = reconciler.reconcile(current, context);
        update.getResource().ifPresent(h -> admin.resource(h).updateStatus());
    }
}
