package dev.klaxon.common;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Only the replica holding the Lease reconciles, and so only it evaluates rules: two replicas
 * never both open incidents. The Lease lives in the operator's own namespace; a replica that
 * loses it exits and restarts as a stand-by. Active in the prod profile.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    public LeaderElection(KlaxonConfig config) {
        super(config.leaderElection().leaseName(), null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE,
                RETRY_PERIOD_DEFAULT_VALUE, null, new LeaderCallbacks(() -> { }, LeaderElection::exit, leader -> { }), false);
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
