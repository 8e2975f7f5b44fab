package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A burst of work does not cost the Lease: while incidents arrive faster than the operator's
 * bounded reconcile pool can take them (every thread busy, the client at its request rate), the
 * Lease is renewed within the renew deadline every time, nobody else takes it, the process stays
 * up, and every incident is observed. The burst's size: -Dklaxon.lease-burst.incidents (2,000).
 */
class LeaseUnderLoadIT {

    private static final int INCIDENTS = Integer.getInteger("klaxon.lease-burst.incidents", 2000);
    /**
     * The benchmark's burst (hack/bench-history.sh): closed incidents, each opening its review and
     * review document, with the operator's own defaults and the image's JVM in 512 Mi, as issue 27
     * measured it. Otherwise open incidents and 4 reconcile threads, every one of them busy.
     */
    private static final boolean CLOSED = Boolean.getBoolean("klaxon.lease-burst.closed");

    @Test
    void aBurstOfIncidentsDoesNotCostTheLease() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("lease-burst");
        String[] settings = CLOSED ? OperatorProcess.containerJvm("512m")
                : new String[] {"-Dquarkus.operator-sdk.concurrent-reconciliation-threads=4", "-Dklaxon.reviews.auto-create=NONE"};
        try (OperatorProcess operator = new OperatorProcess(namespace, settings).start()) {
            var lease = admin.leases().inNamespace(OperatorUnderTest.NAMESPACE).withName("klaxon-" + namespace);
            Lease before = lease.get();
            assertThat(before.getSpec().getHolderIdentity()).isEqualTo(operator.identity());

            // Every renewal the Lease shows, and the longest the holder went without one.
            AtomicBoolean done = new AtomicBoolean();
            List<Instant> renewals = new ArrayList<>();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    Lease now = lease.get();
                    Instant renewed = now.getSpec().getRenewTime().toInstant();
                    synchronized (renewals) {
                        if (renewals.isEmpty() || !renewals.get(renewals.size() - 1).equals(renewed)) {
                            renewals.add(renewed);
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }, "lease-watcher");
            watcher.start();

            ExecutorService creators = Executors.newFixedThreadPool(8);
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                int n = i;
                created.add(creators.submit(() -> {
                    Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
                    incident.getMetadata().setNamespace(namespace);
                    incident.getMetadata().setName("burst-" + n);
                    incident.getSpec().setPhase(CLOSED ? IncidentPhase.Closed : IncidentPhase.Detected);
                    incident.getSpec().setEscalationPolicyRef(null);
                    return admin.resource(incident).create();
                }));
            }
            for (Future<?> f : created) {
                f.get();
            }
            creators.shutdown();
            Instant burstDone = Instant.now();
            try {
                Awaitility.await("every incident observed").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                        .failFast("the operator exited", () -> !operator.isAlive())
                        .until(() -> admin.resources(Incident.class).inNamespace(namespace).list().getItems().stream()
                                .filter(i -> i.getStatus() != null && i.getStatus().getPhase() != null).count() == INCIDENTS);
            } finally {
                done.set(true);
                watcher.join();
                System.out.printf("=== lease burst (%s): %d %s incidents; operator %s; Lease transitions %d -> %d; %d renewals, longest gap %d ms%n",
                        System.getProperty("klaxon.operator.app") == null ? "this build" : "baseline", INCIDENTS, CLOSED ? "closed" : "open",
                        operator.isAlive() ? "up" : "EXITED",
                        before.getSpec().getLeaseTransitions(), lease.get().getSpec().getLeaseTransitions(), renewals.size(),
                        longestGap(renewals).toMillis());
            }
            Duration observed = Duration.between(burstDone, Instant.now());

            Lease after = lease.get();
            assertThat(operator.isAlive()).as("the operator stayed up").isTrue();
            assertThat(after.getSpec().getHolderIdentity()).isEqualTo(operator.identity());
            assertThat(after.getSpec().getLeaseTransitions()).as("nobody else took the Lease").isEqualTo(before.getSpec().getLeaseTransitions());
            Duration longest = longestGap(renewals);
            System.out.printf("=== lease burst: all %d incidents observed %d s after the last create%n", INCIDENTS, observed.toSeconds());
            assertThat(renewals).as("renewals seen during the burst").hasSizeGreaterThan(5);
            assertThat(longest).as("the longest time between renewals, against the renew deadline")
                    .isLessThan(LeaderElection.RENEW_DEADLINE);
        }
    }

    private static Duration longestGap(List<Instant> renewals) {
        Duration longest = Duration.ZERO;
        synchronized (renewals) {
            for (int i = 1; i < renewals.size(); i++) {
                Duration gap = Duration.between(renewals.get(i - 1), renewals.get(i));
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
        }
        return longest;
    }
}
