package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Escalation policies as the tests need them. */
public final class Policies {

    private Policies() {
    }

    /** One level, due at once, that pages {@code users} through {@code channels} (and repeats only after an hour). */
    public static EscalationPolicy oneLevel(String namespace, String name, List<String> users, List<String> channels) {
        EscalationTargets targets = new EscalationTargets();
        targets.setUsers(users.isEmpty() ? null : users);
        targets.setChannels(channels);
        EscalationLevel level = new EscalationLevel();
        level.setDelay("1h");
        level.setTargets(targets);
        EscalationPolicySpec spec = new EscalationPolicySpec();
        spec.setLevels(List.of(level));
        EscalationPolicy policy = new EscalationPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        policy.setSpec(spec);
        return policy;
    }
}
