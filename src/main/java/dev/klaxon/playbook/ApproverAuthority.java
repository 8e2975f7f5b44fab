package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.StepApproval;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server whether an approver is someone whose approval may count: a person (not a
 * ServiceAccount, unless the operator is configured to allow them), who either is named by the
 * playbook's approvers or may create Jobs in the run's namespace themselves. So approving a step
 * grants nobody more than they already have.
 */
final class ApproverAuthority implements RunSequencer.ApproverCheck {

    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private final KubernetesClient client;
    private final String namespace;
    private final boolean serviceAccountsMayApprove;

    ApproverAuthority(KubernetesClient client, String namespace, boolean serviceAccountsMayApprove) {
        this.client = client;
        this.namespace = namespace;
        this.serviceAccountsMayApprove = serviceAccountsMayApprove;
    }

    @Override
    public Optional<String> refusal(StepApproval approval, boolean named) {
        String user = approval.getApprovedBy();
        if (!serviceAccountsMayApprove && (user.startsWith(SERVICE_ACCOUNT_PREFIX) || inServiceAccountGroup(approval.getGroups()))) {
            return Optional.of(user + " is a ServiceAccount: approvers are people (helm value playbooks.serviceAccountApprovers)");
        }
        if (named) {
            return Optional.empty();
        }
        SubjectAccessReview review = client.resource(new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user).withGroups(approval.getGroups())
                .withNewResourceAttributes().withGroup("batch").withResource("jobs").withVerb("create").withNamespace(namespace)
                .endResourceAttributes().endSpec().build()).create();
        if (review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed())) {
            return Optional.empty();
        }
        return Optional.of(user + " may not create Jobs in namespace " + namespace
                + " and is not one of the playbook's approvers: approving would grant more than they have");
    }

    private static boolean inServiceAccountGroup(List<String> groups) {
        return groups != null && groups.stream().anyMatch(g -> g.startsWith("system:serviceaccounts"));
    }
}
