package dev.klaxon.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * Only the replica holding the Lease reconciles, and so only it evaluates rules: two replicas
 * never both open incidents. The Lease lives in the operator's own namespace; a replica that
 * loses it exits and restarts as a stand-by. Active in the prod profile.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection(KlaxonConfig config) {
        super(config.leaderElection().leaseName());
    }
}
