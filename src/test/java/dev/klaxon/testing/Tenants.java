package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;

/** A tenant's namespace as production would have it: restricted Pod Security, the approval gate, and responders. */
public final class Tenants {

    private Tenants() {
    }

    /**
     * A fresh namespace that enforces the restricted Pod Security Standard and the chart's
     * approval policy, where each of {@code responders} may read incidents and playbooks and
     * create, approve and cancel runs (the role a responder has), and create Jobs (so their approvals count).
     */
    public static String create(String prefix, String... responders) {
        KubernetesClient admin = TestCluster.get().admin();
        ChartPolicies.installApprovalPolicy(admin);
        String namespace = TestCluster.get().createNamespace(prefix);
        admin.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getLabels().put(ChartPolicies.APPROVALS_LABEL, ChartPolicies.APPROVALS_ENFORCED);
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce-version", "latest");
            return ns;
        });
        admin.resource(new RoleBuilder().withNewMetadata().withName("responder").withNamespace(namespace).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbookruns")
                                .withVerbs("get", "list", "watch", "create", "update", "patch").build(),
                        new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbooks", "incidents")
                                .withVerbs("get", "list").build(),
                        // What the built-in edit role grants: an approval counts only from someone who could run the step themselves.
                        new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs").withVerbs("create").build()).build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("responder").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "responder")
                .withSubjects(Arrays.stream(responders).map(user -> new SubjectBuilder().withKind("User").withName(user)
                        .withApiGroup("rbac.authorization.k8s.io").build()).toList())
                .build()).create();
        return namespace;
    }
}
