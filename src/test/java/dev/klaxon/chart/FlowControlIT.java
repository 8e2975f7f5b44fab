package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Tools;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.PriorityLevelConfiguration;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chart's FlowSchemas, applied to the real API server, classify the operator's requests as
 * the control plane's own: its Lease requests in the built-in leader-election priority level, the
 * rest in a level of their own (the API server says which in X-Kubernetes-PF-PriorityLevel-UID).
 */
class FlowControlIT {

    @Test
    void theLeaseGoesToLeaderElectionAndTheRestToTheOperatorsOwnLevel() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        String token = OperatorUnderTest.installChartRbacAndIssueToken(admin);
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", OperatorUnderTest.RELEASE, "helm/klaxon",
                "--namespace", OperatorUnderTest.NAMESPACE, "--kube-version", TestCluster.KUBERNETES_VERSION,
                "--show-only", "templates/flowcontrol.yaml");
        for (HasMetadata object : admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items()) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
        String leaderElection = admin.resources(PriorityLevelConfiguration.class).withName("leader-election").get().getMetadata().getUid();
        String operatorsOwn = admin.resources(PriorityLevelConfiguration.class).withName(OperatorUnderTest.RELEASE).get().getMetadata().getUid();

        try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(TestCluster.get().serverUrl()).withCaCertFile(TestCluster.get().adminConfig().getCaCertFile())
                .withOauthToken(token).build()).build()) {
            assertThat(priorityLevel(asOperator, "/apis/coordination.k8s.io/v1/namespaces/" + OperatorUnderTest.NAMESPACE + "/leases/klaxon"))
                    .as("a Lease request").isEqualTo(leaderElection);
            assertThat(priorityLevel(asOperator, "/apis/klaxon.dev/v1alpha1/incidents"))
                    .as("any other request").isEqualTo(operatorsOwn);
            // Someone else's Lease requests stay where they were.
            assertThat(priorityLevel(admin, "/apis/coordination.k8s.io/v1/namespaces/" + OperatorUnderTest.NAMESPACE + "/leases/klaxon"))
                    .isNotIn(leaderElection, operatorsOwn);
        }
    }

    private static String priorityLevel(KubernetesClient client, String path) throws Exception {
        var http = client.getHttpClient();
        HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().uri(TestCluster.get().serverUrl() + path).build(),
                String.class).get();
        return response.header("X-Kubernetes-PF-PriorityLevel-UID");
    }
}
