package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The user name the API server knows the operator by (its ServiceAccount's), asked once with a
 * SelfSubjectReview. Runs the operator starts carry it as requestedBy, which the approval policy
 * checks like any other requester's.
 */
@ApplicationScoped
public class OperatorIdentity {

    private final KubernetesClient client;
    private volatile String userName;

    public OperatorIdentity(KubernetesClient client) {
        this.client = client;
    }

    public String userName() {
        if (userName == null) {
            SelfSubjectReview review = client.resource(new SelfSubjectReview()).create();
            userName = review.getStatus().getUserInfo().getUsername();
        }
        return userName;
    }
}
