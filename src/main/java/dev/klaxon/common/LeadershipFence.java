package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes only while this replica knows it holds the leader-election Lease. A leader that was
 * paused (SIGSTOP, a frozen VM, a long GC) past its Lease resumes with threads that were in the
 * middle of evaluating and reconciling, while another replica already leads; the Lease elector
 * notices only at its next renewal, and shutdown takes longer still. This fence closes at once:
 * it keeps the time of the last renewal it saw (the Lease's renewTime, written by this process
 * from its own clock) and lets the operator's client write only until that renewal is older than
 * the renew deadline, after which the elector itself gives up. Reads, the Lease itself and access
 * reviews always pass.
 *
 * <p>Unarmed (open) until this replica starts leading, and in profiles without leader election.
 */
@Singleton
public class LeadershipFence implements Interceptor {

    private static final Logger LOG = Logger.getLogger(LeadershipFence.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Requests that must pass: the elector's own, and reviews, which change nothing. */
    private static final Set<String> ALWAYS_ALLOWED_PREFIXES = Set.of("/apis/coordination.k8s.io/", "/apis/authorization.k8s.io/",
            "/apis/authentication.k8s.io/");

    private final Clock clock;
    private volatile boolean armed;
    private volatile Instant heldUntil = Instant.EPOCH;
    private volatile String identity;
    private volatile Duration renewDeadline = Duration.ofSeconds(10);
    private volatile Instant lastRefusalLogged = Instant.EPOCH;

    public LeadershipFence(Clock clock) {
        this.clock = clock;
    }

    /** From now on, writes need a recent renewal of the Lease by {@code identity}. */
    void arm(String identity, Duration renewDeadline) {
        this.identity = identity;
        this.renewDeadline = renewDeadline;
        this.armed = true;
    }

    /** What the Lease says now: held by this replica (renewed when), or by someone else. */
    void observe(Lease lease) {
        var spec = lease == null ? null : lease.getSpec();
        if (spec != null && identity != null && identity.equals(spec.getHolderIdentity()) && spec.getRenewTime() != null) {
            heldUntil = spec.getRenewTime().toInstant().plus(renewDeadline);
        } else {
            heldUntil = Instant.EPOCH;
        }
    }

    /** Whether this replica may act as the leader now. */
    public boolean isHeld() {
        return !armed || clock.instant().isBefore(heldUntil);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!armed || !WRITES.contains(request.method()) || isHeld()) {
            return;
        }
        String path = request.uri().getPath();
        if (ALWAYS_ALLOWED_PREFIXES.stream().anyMatch(path::startsWith)) {
            return;
        }
        Instant now = clock.instant();
        if (now.isAfter(lastRefusalLogged.plusSeconds(1))) {
            lastRefusalLogged = now;
            LOG.warnf("Lease not confirmed as leader since %s: refused %s %s", heldUntil.minus(renewDeadline), request.method(), path);
        }
        throw new KubernetesClientException("this replica is not confirmed as the leader (Lease not renewed since "
                + heldUntil.minus(renewDeadline) + "): " + request.method() + " refused");
    }
}
