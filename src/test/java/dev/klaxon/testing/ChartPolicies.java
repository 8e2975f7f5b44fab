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
    /** The group whose members may ungate playbook steps and change approvers (admissionPolicy.playbookGate.groups). */
    public static final String GATEKEEPERS = "klaxon:playbook-gatekeepers";

    private ChartPolicies() {
    }

    /** The ValidatingAdmissionPolicy and binding of templates/admission-policy.yaml, limited to labelled namespaces. */
    public static synchronized void installApprovalPolicy(KubernetesClient admin) {
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", "klaxon", "helm/klaxon",
                "--namespace", "klaxon-system", "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--show-only", "templates/admission-policy.yaml",
                // The test cluster runs the chart with the responder site on (ResponderSiteProcess).
                "--set", "responderSite.enabled=true", "--set", "responderSite.url=https://respond.example.com",
                "--set", "admissionPolicy.namespaceSelector." + APPROVALS_LABEL + "=" + APPROVALS_ENFORCED,
                // The admin (system:masters) sets up every test's playbooks; others need the gatekeepers group.
                "--set", "admissionPolicy.playbookGate.groups={system:masters," + GATEKEEPERS + "}");
        for (HasMetadata object : admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items()) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
    }
}
