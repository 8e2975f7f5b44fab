package dev.klaxon.common;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Only the replica holding the Lease reconciles, and so only it evaluates rules: two replicas
 * never both open incidents. The Lease lives in the operator's own namespace; a replica that
 * loses it exits and restarts as a stand-by. While leading, the {@link LeadershipFence} is fed
 * the Lease every second, so a leader paused past its Lease writes nothing when it resumes,
 * not even before the elector notices. Active in the prod profile.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    /** How often the fence reads the Lease: well inside the elector's 2 s renewals and 10 s deadline. */
    private static final Duration FENCE_REFRESH = Duration.ofSeconds(1);

    @Inject
    public LeaderElection(KlaxonConfig config, KubernetesClient client, LeadershipFence fence) {
        this(config.leaderElection().leaseName(), identity(config), client, fence);
    }

    private LeaderElection(String leaseName, String identity, KubernetesClient client, LeadershipFence fence) {
        super(leaseName, null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE, identity,
                new LeaderCallbacks(() -> startFencing(leaseName, identity, client, fence), LeaderElection::exit, leader -> { }), false);
    }

    private static String identity(KlaxonConfig config) {
        return config.leaderElection().identity().filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /**
     * Runs when this replica has just taken the Lease, before any controller starts: arms the
     * fence with the Lease as it is now, then keeps it current.
     */
    private static void startFencing(String leaseName, String identity, KubernetesClient client, LeadershipFence fence) {
        var lease = client.leases().inNamespace(client.getNamespace()).withName(leaseName);
        Runnable refresh = () -> {
            try {
                fence.observe(lease.get());
            } catch (RuntimeException e) {
                // Unreadable: the last renewal seen ages out, and the fence closes by itself.
                LOG.debugf("reading the Lease failed: %s", e.getMessage());
            }
        };
        fence.arm(identity, RENEW_DEADLINE_DEFAULT_VALUE);
        refresh.run();
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-leadership-fence");
            thread.setDaemon(true);
            return thread;
        });
        every.scheduleWithFixedDelay(refresh, FENCE_REFRESH.toMillis(), FENCE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Exits from a thread of its own: the operator SDK's own exit runs inside the shutdown hook
     * when the pod is stopped, and System.exit there waits for itself (the JVM never ends). A
     * daemon thread simply waits out a shutdown already under way, and exits otherwise.
     */
    private static void exit() {
        Thread exit = new Thread(() -> {
            LOG.info("lost the leader-election Lease: exiting so that a restart comes back as a stand-by");
            System.exit(1);
        }, "klaxon-leadership-lost");
        exit.setDaemon(true);
        exit.start();
    }
}
