package dev.klaxon.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Only the replica holding the Lease runs the controllers, and so only it evaluates rules: two
 * replicas never both open incidents. As in kube-controller-manager, the Lease is renewed on a
 * client of its own (its own connection and event loop, outside the reconcilers' request budget),
 * so no burst of reconcile traffic delays a renewal in this process; the chart's FlowSchema puts
 * those requests into the API server's leader-election priority level so none delays it there.
 *
 * <p>The controllers start when this replica takes the Lease (the operator SDK's own start is
 * off); a replica that loses it exits and restarts as a stand-by. While leading, the
 * {@link LeadershipFence} is fed the Lease every second, so a leader paused past its Lease writes
 * nothing when it resumes, not even before the elector notices.
 */
@Singleton
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    /** How often the fence reads the Lease: well inside the elector's 2 s renewals and 10 s deadline. */
    private static final Duration FENCE_REFRESH = Duration.ofSeconds(1);

    private final KlaxonConfig config;
    private final Operator operator;
    private final Config clientConfig;
    private final String namespace;
    private final LeadershipFence fence;
    private final String identity;
    private volatile KubernetesClient leaseClient;
    private volatile CompletableFuture<?> election;
    private volatile String leader;
    private volatile boolean leading;
    private volatile boolean controllersStarted;

    public LeaderElection(KlaxonConfig config, Operator operator, Config clientConfig, KubernetesClient client, LeadershipFence fence) {
        this.config = config;
        this.operator = operator;
        this.clientConfig = clientConfig;
        this.namespace = client.getNamespace();
        this.fence = fence;
        this.identity = config.leaderElection().identity().filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.leaderElection().enabled()) {
            leading = true;
            operator.start();
            controllersStarted = true;
            return;
        }
        leaseClient = leaseClient(clientConfig);
        String leaseName = config.leaderElection().leaseName();
        LeaderElector elector = leaseClient.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(LEASE_DURATION).withRenewDeadline(RENEW_DEADLINE).withRetryPeriod(RETRY_PERIOD)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, LeaderElection::exit, newLeader -> leader = newLeader))
                .build()).build();
        LOG.infof("waiting for the leader-election Lease %s/%s as %s", namespace, leaseName, identity);
        election = elector.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (controllersStarted) {
            operator.stop();
        }
        if (election != null) {
            // Releases the Lease, so that the next replica takes over at once instead of after it expires
            // (the lease client stays open for that: the process is ending anyway).
            election.cancel(true);
        }
    }

    /** The Lease this replica holds or waits for (read from the API server): what the operator's own Events are about. */
    public io.fabric8.kubernetes.api.model.coordination.v1.Lease lease() {
        KubernetesClient leases = leaseClient;
        return leases == null ? null : leases.leases().inNamespace(namespace).withName(config.leaderElection().leaseName()).get();
    }

    /** This replica's name in the Lease. */
    public String identity() {
        return identity;
    }

    /** Whether this replica runs the controllers now. */
    public boolean isLeading() {
        return leading;
    }

    /** Whether this replica leads and its controllers have started (their informers filled). */
    public boolean controllersStarted() {
        return controllersStarted;
    }

    /** Whether another replica holds the Lease as far as this one has seen (this one is a healthy stand-by). */
    public boolean isStandbyOf() {
        String current = leader;
        return !leading && current != null && !current.equals(identity);
    }

    /**
     * A client for the Lease alone: the operator's settings (server, credentials), an HTTP client
     * with its own event loop, and timeouts within the renew deadline.
     */
    private static KubernetesClient leaseClient(Config operatorConfig) {
        Config own = new ConfigBuilder(operatorConfig).withRequestTimeout((int) RETRY_PERIOD.multipliedBy(2).toMillis())
                .withConnectionTimeout((int) RETRY_PERIOD.multipliedBy(2).toMillis()).withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(own).withHttpClientFactory(new VertxHttpClientFactory()).build();
    }

    /**
     * Runs when this replica has just taken the Lease: arms the fence with the Lease as it is now,
     * keeps it current, then starts the controllers (on a thread of their own: their informers
     * fill first, which must not hold up the elector).
     */
    private void startLeading() {
        leading = true;
        leader = identity;
        var lease = leaseClient.leases().inNamespace(namespace).withName(config.leaderElection().leaseName());
        Runnable refresh = () -> {
            try {
                fence.observe(lease.get());
            } catch (RuntimeException e) {
                // Unreadable: the last renewal seen ages out, and the fence closes by itself.
                LOG.debugf("reading the Lease failed: %s", e.getMessage());
            }
        };
        fence.arm(identity, RENEW_DEADLINE);
        refresh.run();
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-leadership-fence");
            thread.setDaemon(true);
            return thread;
        });
        every.scheduleWithFixedDelay(refresh, FENCE_REFRESH.toMillis(), FENCE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        Thread start = new Thread(() -> {
            LOG.infof("took the leader-election Lease as %s: starting the controllers", identity);
            try {
                operator.start();
                controllersStarted = true;
            } catch (RuntimeException | Error e) {
                // A leader whose controllers did not start (an informer without RBAC, a cache that never
                // synced) must not keep the Lease: it exits, and a restart or a stand-by tries again.
                LOG.errorf(e, "the controllers did not start");
                exit();
            }
        }, "klaxon-start-controllers");
        start.setDaemon(true);
        start.start();
    }

    /**
     * Exits from a thread of its own: when the pod is stopped this runs inside the shutdown hook,
     * where System.exit waits for itself (the JVM never ends). A daemon thread simply waits out a
     * shutdown already under way, and exits otherwise.
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
