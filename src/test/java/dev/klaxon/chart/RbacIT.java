package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.testing.ChartPolicies;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the chart's RBAC, the operator's ServiceAccount can do its job and nothing it must not. */
class RbacIT {

    private static KubernetesClient operator;

    @BeforeAll
    static void operatorIdentity() {
        TestCluster cluster = TestCluster.get();
        String token = OperatorUnderTest.installChartRbacAndIssueToken(cluster.admin());
        Config admin = cluster.adminConfig();
        operator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(admin.getMasterUrl()).withCaCertFile(admin.getCaCertFile()).withOauthToken(token).build()).build();
    }

    @AfterAll
    static void close() {
        operator.close();
    }

    @Test
    void itIsTheServiceAccountNotAnAdmin() {
        assertThat(operator.authentication().v1().selfSubjectReviews().create(new io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview()).getStatus().getUserInfo().getUsername())
                .isEqualTo("system:serviceaccount:klaxon-system:klaxon");
    }

    @Test
    void itCanDoItsJob() {
        assertThat(allowed("list", "klaxon.dev", "alertrules", null, null)).isTrue();
        assertThat(allowed("watch", "klaxon.dev", "playbookruns", null, null)).isTrue();
        assertThat(allowed("patch", "klaxon.dev", "incidents", "status", "default")).isTrue();
        assertThat(allowed("create", "", "events", null, "default")).isTrue();
        assertThat(allowed("create", "klaxon.dev", "incidents", null, "default")).isTrue();
        assertThat(allowed("patch", "klaxon.dev", "incidents", null, "default")).isTrue();
        assertThat(allowed("create", "batch", "jobs", null, "default")).as("step Jobs").isTrue();
        assertThat(allowed("get", "", "serviceaccounts", null, "default")).as("the step-runner label").isTrue();
        assertThat(allowed("create", "", "serviceaccounts", null, "default")).isFalse();
        assertThat(allowed("delete", "batch", "jobs", null, "default")).as("cancelling a step").isTrue();
        assertThat(allowed("create", "klaxon.dev", "playbookruns", null, "default")).as("a rule's playbook").isTrue();
        assertThat(allowed("create", "authorization.k8s.io", "subjectaccessreviews", null, null))
                .as("whether an approver may create Jobs themselves").isTrue();
        assertThat(allowed("update", "coordination.k8s.io", "leases", null, "klaxon-system")).isTrue();
        assertThat(allowed("update", "coordination.k8s.io", "leases", null, "default")).as("leases elsewhere").isFalse();
        assertThat(operator.resources(Incident.class).inAnyNamespace().list().getItems()).isNotNull();
    }

    @Test
    void itCannotReadSecretsAnywhere() {
        assertThat(allowed("get", "", "secrets", null, null)).isFalse();
        assertThat(allowed("get", "", "secrets", null, "default")).as("only channel secrets, in its own namespace").isFalse();
        assertThat(allowed("get", "", "secrets", null, "klaxon-system")).as("channel secrets").isTrue();
        assertThat(allowed("list", "", "secrets", null, "klaxon-system")).isFalse();
        assertThat(allowed("create", "", "secrets", null, "klaxon-system")).as("the operator key, made on first use").isTrue();
        assertThat(allowed("create", "", "secrets", null, "default")).isFalse();
        assertForbidden(() -> operator.secrets().inAnyNamespace().list());
    }

    @Test
    void itCannotDeleteNamespacesOrChangeTheApi() {
        String victim = TestCluster.get().createNamespace("rbac-victim");

        assertForbidden(() -> operator.namespaces().withName(victim).delete());
        assertThat(TestCluster.get().admin().namespaces().withName(victim).get().getMetadata().getDeletionTimestamp()).isNull();
        assertThat(allowed("create", "apiextensions.k8s.io", "customresourcedefinitions", null, null)).isFalse();
        assertThat(allowed("create", "rbac.authorization.k8s.io", "clusterrolebindings", null, null)).isFalse();
    }

    @Test
    void itCannotRewriteWhatPeopleDeclare() {
        assertThat(allowed("delete", "klaxon.dev", "incidents", null, "default")).isFalse();
        assertThat(allowed("update", "klaxon.dev", "playbooks", null, "default")).isFalse();
        assertThat(allowed("create", "", "pods", null, "default")).isFalse();
        assertThat(allowed("update", "batch", "jobs", null, "default")).as("a Job once created is left as it is").isFalse();
        assertThat(allowed("delete", "klaxon.dev", "playbookruns", null, "default")).isFalse();
        assertThat(allowed("update", "klaxon.dev", "playbookruns", null, "default")).as("approvals are people's").isFalse();
    }

    @Test
    void itWritesConfigMapsOnlyForReviewsAndNeverInTheClustersOwnNamespaces() {
        ChartPolicies.installApprovalPolicy(TestCluster.get().admin());
        String tenant = TestCluster.get().createNamespace("rbac-configmaps");

        // A policy takes effect a moment after it is created; dry runs pass admission without writing anything.
        KubernetesClientException refused = Awaitility.await("the policy in force").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                operator.resource(configMap("kube-system", "5f0c1c5e-0000-4000-8000-000000000002")).dryRun().create();
                return null;
            } catch (KubernetesClientException e) {
                return e;
            }
        }, e -> e != null);
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(refused.getStatus().getMessage()).contains("never writes ConfigMaps in namespace kube-system");
        assertThatThrownBy(() -> operator.resource(configMap(tenant, null)).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).contains("writes only ConfigMaps that belong to a PostIncidentReview");
                });
        assertThat(operator.resource(configMap(tenant, "5f0c1c5e-0000-4000-8000-000000000003")).dryRun().create()).isNotNull();
    }

    private static ConfigMap configMap(String namespace, String reviewUid) {
        ConfigMapBuilder map = new ConfigMapBuilder().withNewMetadata().withName("pir-document").withNamespace(namespace).endMetadata()
                .addToData("review.md", "# review");
        if (reviewUid != null) {
            map.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("klaxon.dev/v1alpha1").withKind("PostIncidentReview")
                    .withName("pir").withUid(reviewUid).withController(true).build()).endMetadata();
        }
        return map.build();
    }

    private static boolean allowed(String verb, String group, String resource, String subresource, String namespace) {
        return operator.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes()
                .withVerb(verb).withGroup(group).withResource(resource).withSubresource(subresource).withNamespace(namespace)
                .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    private static void assertForbidden(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(403));
    }
}
