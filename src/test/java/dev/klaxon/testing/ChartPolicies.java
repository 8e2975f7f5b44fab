package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The chart's admission policies, rendered by helm from the chart itself and applied as an admin would. */
public final class ChartPolicies {

    /** Namespaces with this label get the approval gate (other tests create runs as the admin, without requestedBy). */
    public static final String APPROVALS_LABEL = "approvals";
    public static final String APPROVALS_ENFORCED = "enforced";

    private ChartPolicies() {
    }

    /** The ValidatingAdmissionPolicy and binding of templates/admission-policy.yaml, limited to labelled namespaces. */
    public static synchronized void installApprovalPolicy(KubernetesClient admin) {
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", "klaxon", "helm/klaxon",
                "--namespace", "klaxon-system", "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--show-only", "templates/admission-policy.yaml",
                "--set", "admissionPolicy.namespaceSelector." + APPROVALS_LABEL + "=" + APPROVALS_ENFORCED);
        for (HasMetadata object : admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items()) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
    }
}
