package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.common.WarmCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** The escalation policies as the policy controller's informer holds them, for concerns that read a policy's settings. */
@ApplicationScoped
public class EscalationPolicies {

    private final WarmCache<EscalationPolicy> policies;

    public EscalationPolicies(KubernetesClient client, Clock clock) {
        this.policies = new WarmCache<>(client, EscalationPolicy.class, null, clock);
    }

    WarmCache<EscalationPolicy> cache() {
        return policies;
    }

    /** The policy, if it exists. */
    public Optional<EscalationPolicy> get(String namespace, String name) {
        return policies.get(namespace, name);
    }
}
