package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Approvers;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.testing.ChartPolicies;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval gate the chart's ValidatingAdmissionPolicy enforces at the API server, with real
 * authenticated users (impersonated by the admin, as the API server authenticates them).
 */
class ApprovalPolicyIT {

    private static String namespace;
    private static int counter;

    @BeforeAll
    static void installPolicy() {
        KubernetesClient admin = TestCluster.get().admin();
        ChartPolicies.installApprovalPolicy(admin);
        namespace = TestCluster.get().createNamespace("approvals");
        admin.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getLabels().put(ChartPolicies.APPROVALS_LABEL, ChartPolicies.APPROVALS_ENFORCED);
            return ns;
        });
        admin.resource(new RoleBuilder().withNewMetadata().withName("run-playbooks").withNamespace(namespace).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbookruns")
                        .withVerbs("get", "create", "update", "patch").build(),
                        // Too much, as a role with resources: ["*"] would grant: the status policy still holds.
                        new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbookruns/status")
                        .withVerbs("get", "update", "patch").build()).build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("run-playbooks").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "run-playbooks")
                .addNewSubject().withKind("User").withName("alice@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .addNewSubject().withKind("User").withName("bob@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        // The API server compiles a new policy within a moment; wait until it enforces.
        Awaitility.await("policy active").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                as("alice@example.com").resource(run("bob@example.com")).create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 403 || e.getCode() == 422;
            }
        });
    }

    @Test
    void theRequesterMustBeWhoTheyAre() {
        PlaybookRun mine = as("alice@example.com").resource(run("alice@example.com")).create();
        assertThat(mine.getSpec().getRequestedBy()).isEqualTo("alice@example.com");

        assertDenied(() -> as("alice@example.com").resource(run("bob@example.com")).create(),
                "spec.requestedBy must be the user creating the run (alice@example.com)");
        assertDenied(() -> as("alice@example.com").resource(run(null)).create(), "spec.requestedBy must be the user creating the run");
    }

    @Test
    void anotherUserApprovesInTheirOwnName() {
        PlaybookRun run = as("alice@example.com").resource(run("alice@example.com")).create();

        PlaybookRun approved = approve(as("bob@example.com"), run, "bob@example.com");

        assertThat(approved.getSpec().getApprovals()).extracting(StepApproval::getApprovedBy).containsExactly("bob@example.com");
    }

    @Test
    void aForgedApproverIsRefused() {
        PlaybookRun run = as("alice@example.com").resource(run("alice@example.com")).create();

        assertDenied(() -> approve(as("bob@example.com"), run, "carol@example.com"),
                "a new approval must name you (bob@example.com) in approvedBy");
    }

    @Test
    void theRequesterCannotApproveTheirOwnRun() {
        PlaybookRun run = as("alice@example.com").resource(run("alice@example.com")).create();

        assertDenied(() -> approve(as("alice@example.com"), run, "alice@example.com"), "the requester of a run cannot approve its steps");
    }

    @Test
    void theChartCanLimitThePolicyToSelectedNamespaces() {
        String elsewhere = TestCluster.get().createNamespace("not-enforced");
        PlaybookRun run = run(null);
        run.getMetadata().setNamespace(elsewhere);

        assertThat(TestCluster.get().admin().resource(run).create().getMetadata().getUid()).isNotBlank();
    }

    private static PlaybookRun approve(KubernetesClient user, PlaybookRun run, String approvedBy) {
        PlaybookRun current = user.resource(run).get();
        List<StepApproval> approvals = new ArrayList<>(current.getSpec().getApprovals());
        approvals.add(new StepApproval("rollback-deployment", approvedBy, "error rate is still rising"));
        current.getSpec().setApprovals(approvals);
        return user.resource(current).update();
    }

    @Test
    void onlyTheOperatorWritesTheStatusWhateverRbacSomeoneHas() {
        PlaybookRun mine = as("alice@example.com").resource(run("alice@example.com")).create();
        String forged = "{\"status\":{\"phase\":\"Succeeded\",\"playbook\":{\"steps\":[{\"name\":\"x\",\"image\":\"evil:1\"}]}}}";
        String refusal = "the status of playbookruns is written only by the Klaxon operator (system:serviceaccount:klaxon-system:klaxon), not by ";

        Awaitility.await("status policy active").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertDenied(() -> as("alice@example.com").resources(PlaybookRun.class).inNamespace(namespace)
                        .withName(mine.getMetadata().getName()).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), forged), refusal + "alice@example.com"));
        assertDenied(() -> TestCluster.get().admin().resources(PlaybookRun.class).inNamespace(namespace)
                .withName(mine.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), forged), refusal + "klaxon-admin");
        assertThat(as("alice@example.com").resource(mine).get().getStatus()).as("nothing was written").isNull();
    }

    @Test
    void onlyGatekeepersMayLetAStepRunWithoutApprovalOrChangeWhoApproves() {
        KubernetesClient admin = TestCluster.get().admin();
        admin.resource(new RoleBuilder().withNewMetadata().withName("write-playbooks").withNamespace(namespace).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbooks")
                        .withVerbs("get", "create", "update", "patch").build()).build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("write-playbooks").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "write-playbooks")
                .addNewSubject().withKind("User").withName("alice@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .addNewSubject().withKind("User").withName("dave@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        KubernetesClient gatekeeper = new KubernetesClientBuilder().withConfig(new ConfigBuilder(TestCluster.get().adminConfig())
                .withImpersonateUsername("dave@example.com").withImpersonateGroups(ChartPolicies.GATEKEEPERS).build()).build();

        Playbook ungated = ManifestFixtures.example("playbook-api-high-error-rate.yaml", Playbook.class);
        ungated.getMetadata().setNamespace(namespace);
        ungated.getMetadata().setName("ungated-" + (++counter));
        ungated.getSpec().getSteps().forEach(s -> s.setRequiresApproval(false));
        ungated.getSpec().setApprovers(null);
        Awaitility.await("playbook gate active").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertDenied(() -> as("alice@example.com").resource(ungated).create(), "only members of system:masters, "
                        + ChartPolicies.GATEKEEPERS + " may let a step run without approval"));

        Playbook gated = ManifestFixtures.example("playbook-api-high-error-rate.yaml", Playbook.class);
        gated.getMetadata().setNamespace(namespace);
        gated.getMetadata().setName("gated-" + (++counter));
        gated.getSpec().getSteps().forEach(s -> s.setRequiresApproval(true));
        gated.getSpec().setApprovers(null);
        Playbook created = as("alice@example.com").resource(gated).create();
        created.getSpec().getSteps().get(0).setDescription("a gated step may change");
        created = as("alice@example.com").resource(created).update();

        Playbook ungating = as("alice@example.com").resource(created).get();
        ungating.getSpec().getSteps().get(0).setRequiresApproval(false);
        assertDenied(() -> as("alice@example.com").resource(ungating).update(), "may let a step run without approval");
        Playbook naming = as("alice@example.com").resource(created).get();
        Approvers approvers = new Approvers();
        approvers.setUsers(List.of("mallory@example.com"));
        naming.getSpec().setApprovers(approvers);
        assertDenied(() -> as("alice@example.com").resource(naming).update(), "spec.approvers: only members of");

        assertThat(gatekeeper.resource(ungating).update().getSpec().getSteps().get(0).getRequiresApproval()).isFalse();
    }

    @Test
    void onlyTheOperatorMarksAnIncidentAsOpenedForAnAlert() {
        KubernetesClient admin = TestCluster.get().admin();
        admin.resource(new RoleBuilder().withNewMetadata().withName("declare-incidents").withNamespace(namespace).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("incidents")
                        .withVerbs("get", "create", "update", "patch").build()).build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("declare-incidents").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "declare-incidents")
                .addNewSubject().withKind("User").withName("alice@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        String operator = "system:serviceaccount:klaxon-system:klaxon";
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("operator-incidents").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "declare-incidents")
                .addNewSubject().withKind("ServiceAccount").withName("klaxon").withNamespace("klaxon-system").endSubject()
                .build()).create();

        Incident decoy = incident("decoy-" + (++counter));
        decoy.getMetadata().setLabels(Map.of(KlaxonApi.LABEL_RULE, "api-errors", KlaxonApi.LABEL_FINGERPRINT, "ab12"));
        Awaitility.await("incident policy active").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertDenied(() -> as("alice@example.com").resource(decoy).create(),
                        "metadata.labels: klaxon.dev/rule, klaxon.dev/fingerprint mark an incident as opened for an alert"));
        Incident sourced = incident("sourced-" + (++counter));
        IncidentSource source = new IncidentSource();
        source.setAlertRule("api-errors");
        sourced.getSpec().setSource(source);
        assertDenied(() -> as("alice@example.com").resource(sourced).create(), "spec.source is set only by the Klaxon operator");

        Incident declared = as("alice@example.com").resource(incident("declared-" + (++counter))).create();
        declared.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PROOF, "0".repeat(64));
        assertDenied(() -> as("alice@example.com").resource(declared).update(), "klaxon.dev/proof are set only by the Klaxon operator");

        assertThat(as(operator).resource(decoy).create().getMetadata().getUid()).as("the operator may").isNotBlank();
    }

    private static Incident incident(String name) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        return incident;
    }

    private static void assertDenied(Runnable request, String message) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).contains(message);
        });
    }

    private static PlaybookRun run(String requestedBy) {
        PlaybookRun run = ManifestFixtures.example("playbookrun-rollback.yaml", PlaybookRun.class);
        run.getMetadata().setNamespace(namespace);
        run.getMetadata().setName("run-" + (++counter));
        run.getSpec().setRequestedBy(requestedBy);
        return run;
    }

    private static KubernetesClient as(String user) {
        return Users.as(user);
    }
}
