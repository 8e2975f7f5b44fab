package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the operator of a {@code @QuarkusTest} the way it runs in production: against the real
 * API server, with server-side apply, authenticated as the chart's ServiceAccount with only the
 * chart's RBAC (rendered by {@code helm template}), never as cluster admin.
 */
public class OperatorUnderTest implements QuarkusTestResourceLifecycleManager {

    public static final String NAMESPACE = "klaxon-system";
    public static final String RELEASE = "klaxon";
    /** The ServiceAccount the chart creates for release "klaxon". */
    public static final String SERVICE_ACCOUNT = "klaxon";
    /**
     * The only namespace the in-JVM operator watches, so that it never evaluates the rules of
     * tests that run their own operator process.
     */
    public static final String WATCHED_NAMESPACE = "klaxon-reconcile-it";

    @Override
    public Map<String, String> start() {
        TestCluster cluster = TestCluster.get();
        KubernetesClient admin = cluster.admin();
        String token = installChartRbacAndIssueToken(admin);

        // The fabric8 client the operator builds starts from these (Config.autoConfigure).
        Map<String, String> client = new HashMap<>();
        client.put("kubernetes.master", cluster.serverUrl());
        client.put("kubernetes.certs.ca.file", cluster.adminConfig().getCaCertFile());
        client.put("kubernetes.auth.token", token);
        client.put("kubernetes.auth.tryKubeConfig", "false");
        client.put("kubernetes.auth.tryServiceAccount", "false");
        client.put("kubernetes.namespace", NAMESPACE);
        client.forEach(System::setProperty);
        if (admin.namespaces().withName(WATCHED_NAMESPACE).get() == null) {
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(WATCHED_NAMESPACE).endMetadata().build()).create();
        }
        return Map.of("quarkus.operator-sdk.namespaces", WATCHED_NAMESPACE,
                "klaxon.prometheus.url", TestPrometheus.get().url(),
                "klaxon.alertmanager.host", "127.0.0.1",
                "klaxon.alertmanager.port", Integer.toString(Ports.free()));
    }

    /** The chart's ServiceAccount and RBAC, installed, and a token of that ServiceAccount: the operator's identity. */
    public static String installChartRbacAndIssueToken(KubernetesClient admin) {
        installChartRbac(admin);
        return admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
                .getStatus().getToken();
    }

    /** Renders the chart's ServiceAccount and RBAC and applies them, as `helm install` would. */
    private static void installChartRbac(KubernetesClient admin) {
        if (admin.namespaces().withName(NAMESPACE).get() == null) {
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        }
        String rendered = TestCluster.run(Duration.ofMinutes(2), Tools.helm().toString(), "template", RELEASE, "helm/klaxon",
                "--namespace", NAMESPACE, "--kube-version", TestCluster.KUBERNETES_VERSION, "--show-only", "templates/serviceaccount.yaml", "--show-only", "templates/rbac.yaml",
                // The test cluster runs the chart with the responder site on (ResponderSiteProcess): the operator publishes its key.
                "--set", "responderSite.enabled=true", "--set", "responderSite.url=https://respond.example.com",
                "--show-only", "templates/leader-election-rbac.yaml", "--show-only", "templates/channel-secrets-rbac.yaml");
        List<HasMetadata> objects = admin.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata object : objects) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
    }

    @Override
    public void stop() {
        // The cluster is shared by the whole test run and stops with the JVM.
    }
}
