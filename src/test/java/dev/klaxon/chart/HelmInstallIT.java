package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import dev.klaxon.testing.Tools;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart installed with {@code helm install} as a user would, on the real cluster: the
 * operator image built by hack/images.sh runs as a pod under the restricted Pod Security
 * profile, becomes Ready through its probes, works with the chart's ServiceAccount from inside
 * the pod and the chart's values, survives the deletion of its pod, and {@code helm uninstall}
 * removes what the release made (the incidents stay: they are the record).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallIT {

    private static final String RELEASE = "e2e";
    private static final String RELEASE_NAMESPACE = "klaxon-e2e";
    private static final String SELECTOR = "app.kubernetes.io/instance";
    private static final String METRIC = "klaxon_helm_e2e_value";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String OK = "HTTP/1\\.[01] 200 .*";
    private static KubernetesClient admin;
    private static String tenant;
    /** The namespace the ingress NetworkPolicy lets scrape the operator's metrics (as a monitoring namespace would be). */
    private static String monitoring;

    @BeforeAll
    static void install() {
        TestCluster cluster = TestCluster.get();
        admin = cluster.admin();
        Path archive = buildOperatorImage();
        cluster.loadImage(archive);
        String prometheus = "http://" + cluster.expose(URI.create(TestPrometheus.get().url()).getPort());
        tenant = cluster.createNamespace("helm-tenant");
        monitoring = cluster.createNamespace("helm-monitoring");
        admin.namespaces().withName(tenant).edit(ns -> {
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce-version", "latest");
            return ns;
        });
        StatusPage page = dev.klaxon.api.ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
        page.getMetadata().setNamespace(tenant);
        admin.resource(page).create();
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(RELEASE_NAMESPACE)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata().build()).create();
        helm("install", RELEASE, "helm/klaxon", "--namespace", RELEASE_NAMESPACE,
                "--set", "image.pullPolicy=Never",
                "--set", "watchNamespaces={" + tenant + "}",
                "--set", "prometheus.url=" + prometheus,
                "--set", "admissionPolicy.namespaceSelector.kubernetes\\.io/metadata\\.name=" + tenant,
                "--set", "statusSite.enabled=true", "--set", "statusSite.namespace=" + tenant, "--set", "statusSite.page=acme-status",
                "--set", "responderSite.enabled=true", "--set", "responderSite.url=https://respond.example.com",
                "--set", "responderSite.replicaCount=1",
                "--set", "networkPolicy.ingress.enabled=true",
                "--set", "networkPolicy.ingress.metricsFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=" + monitoring,
                "--wait", "--timeout", "3m");
    }

    @AfterAll
    static void cleanUp() {
        if (admin != null) {
            admin.namespaces().withName(RELEASE_NAMESPACE).delete();
        }
    }

    @Test
    @Order(0)
    void theOperatorImageIsReproducible() throws java.io.IOException {
        String first = sha256(buildOperatorImage());
        assertThat(sha256(buildOperatorImage())).as("the same build output gives the same archive").isEqualTo(first);
    }

    @Test
    @Order(1)
    void theOperatorPodRunsRestrictedAndBecomesReadyThroughItsProbes() {
        Pod pod = operatorPod();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RELEASE + "-klaxon");
        assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
            assertThat(c.getReady()).isTrue();
            assertThat(c.getImage()).isEqualTo("ghcr.io/klaxon-dev/klaxon-operator:0.1.0");
        });
        // The namespace enforces the restricted profile: the API server admitted the pod, so it complies.
        assertThat(admin.namespaces().withName(RELEASE_NAMESPACE).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        System.out.printf("[helm] operator pod created -> Ready in %d s%n", secondsToReady(pod));
    }

    @Test
    @Order(2)
    void theOperatorInThePodOpensAnIncidentFromTheChartsPrometheusUrl() {
        TestExporter.get().set(METRIC, 5, "case", "first");
        admin.resource(rule("helm-first", "first")).create();
        Incident incident = awaitOpenIncidents("helm-first", 1).get(0);
        assertThat(incident.getSpec().getSource().getValue()).isEqualTo("5");
    }

    @Test
    @Order(2)
    void theResponderSitePodRunsRestrictedAndIsReadyWithTheKeyTheOperatorPodPublished() {
        List<Pod> pods = Awaitility.await("a responder-site pod, Ready").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.pods().inNamespace(RELEASE_NAMESPACE).withLabel("app.kubernetes.io/name", "klaxon-responder-site").list().getItems(),
                        list -> list.size() == 1 && list.stream().allMatch(p -> p.getStatus().getContainerStatuses() != null
                                && p.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady)));
        assertThat(pods.get(0).getSpec().getServiceAccountName()).isEqualTo(RELEASE + "-klaxon-responder-site");
        // Ready means it read the public key: the operator's pod published it, past its RBAC and admission policy.
        assertThat(admin.configMaps().inNamespace(RELEASE_NAMESPACE).withName(RELEASE + "-klaxon-page-links").get().getData())
                .containsKey("ed25519-public-key");
        System.out.printf("[helm] responder-site pod created -> Ready in %d s%n", secondsToReady(pods.get(0)));
    }

    @Test
    @Order(2)
    void theStatusSiteServesThePageFromTwoRestrictedPodsOfItsOwn() throws Exception {
        List<Pod> pods = Awaitility.await("two status-site pods, Ready").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.pods().inNamespace(tenant).withLabel("app.kubernetes.io/name", "klaxon-status-site").list().getItems(),
                        list -> list.size() == 2 && list.stream().allMatch(p -> p.getStatus().getContainerStatuses() != null
                                && p.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady)));
        assertThat(pods).allSatisfy(p -> assertThat(p.getSpec().getServiceAccountName()).isEqualTo(RELEASE + "-klaxon-status-site"));
        System.out.printf("[helm] status-site pod created -> Ready in %d s%n", secondsToReady(pods.get(0)));

        String service = admin.services().inNamespace(tenant).withName(RELEASE + "-klaxon-status-site").get().getSpec().getClusterIP();
        int port = TestCluster.get().publish(service + ":80");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String summary = Awaitility.await("summary.json through the Service").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try {
                        return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/summary.json"))
                                .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    } catch (java.io.IOException e) {
                        return "";
                    }
                }, body -> body.contains("\"indicator\":\"none\""));
        assertThat(summary).contains("\"name\":\"Acme Status\"", "\"id\":\"chat-completions\"", "\"status\":\"operational\"");
    }

    @Test
    @Order(2)
    void theOperatorPodTakesAlertmanagerNotificationsThroughTheChartsService() throws Exception {
        admin.secrets().inNamespace(RELEASE_NAMESPACE).resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("am-token").addToAnnotations("klaxon.dev/channel-namespaces", tenant).endMetadata()
                .addToStringData("token", "helm-e2e-token").build()).serverSideApply();
        dev.klaxon.api.v1alpha1.AlertSource source = dev.klaxon.api.ManifestFixtures.example("alertsource-alertmanager.yaml",
                dev.klaxon.api.v1alpha1.AlertSource.class);
        source.getMetadata().setNamespace(tenant);
        source.getSpec().setTokenSecretRef(new dev.klaxon.api.v1alpha1.SecretKeyRef("am-token", "token"));
        source.getSpec().setEscalationPolicyRef(null);
        admin.resource(source).create();
        dev.klaxon.testing.Await.ready(admin, dev.klaxon.api.v1alpha1.AlertSource.class, tenant, source.getMetadata().getName(),
                dev.klaxon.api.v1alpha1.Condition.Status.True);

        String service = admin.services().inNamespace(RELEASE_NAMESPACE).withName(RELEASE + "-klaxon-alertmanager").get().getSpec().getClusterIP();
        int port = TestCluster.get().publish(service + ":8081");
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"{}:{}\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"HelmE2E\",\"severity\":\"critical\"},\"fingerprint\":\"e2e0000000000001\"}]}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        int answer = Awaitility.await("the receiver through the Service").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try {
                        return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alertmanager/" + tenant
                                        + "/" + source.getMetadata().getName())).header("Authorization", "Bearer helm-e2e-token")
                                .timeout(Duration.ofSeconds(5)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.io.IOException e) {
                        return 0;
                    }
                }, code -> code != 0);
        assertThat(answer).isEqualTo(200);
        Incident incident = admin.resources(Incident.class).inNamespace(tenant)
                .withLabel(dev.klaxon.api.v1alpha1.KlaxonApi.LABEL_ALERT_SOURCE, source.getMetadata().getName()).list().getItems().get(0);
        assertThat(incident.getSpec().getTitle()).isEqualTo("HelmE2E");
        assertThat(incident.getSpec().getSeverity()).isEqualTo(dev.klaxon.api.v1alpha1.Severity.SEV1);
    }

    @Test
    @Order(2)
    void theOperatorsMetricsAnswerOnlyTheNamespaceTheIngressPolicyNames() {
        String address = operatorPod().getStatus().getPodIP() + ":8080";
        // NetworkPolicies take effect eventually in every network plugin: the node's enforcer here is kube-router.
        Awaitility.await("a tenant's pod refused").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> metricsAnswer(tenant, address), answer -> !answer.matches(OK));
        assertThat(metricsAnswer(monitoring, address)).as("the monitoring namespace still scrapes").matches(OK);
        assertThat(metricsAnswer(tenant, address)).as("still refused").doesNotMatch(OK);
    }

    @Test
    @Order(3)
    void aDeletedOperatorPodIsReplacedByANewLeaderWithoutADuplicateIncident() {
        Pod old = operatorPod();
        admin.resource(old).delete();
        Pod replacement = Awaitility.await("a new operator pod, Ready").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(HelmInstallIT::operatorPod, p -> p != null && !p.getMetadata().getUid().equals(old.getMetadata().getUid())
                        && p.getStatus().getContainerStatuses() != null
                        && p.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady));
        System.out.printf("[helm] replacement pod created -> Ready in %d s%n", secondsToReady(replacement));
        Awaitility.await("the new pod holds the Lease").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.leases().inNamespace(RELEASE_NAMESPACE).list().getItems().stream()
                        .anyMatch(l -> replacement.getMetadata().getName().equals(l.getSpec().getHolderIdentity())));

        // The new leader evaluates: a new alert gets its incident, the old one keeps its single one.
        TestExporter.get().set(METRIC, 5, "case", "second");
        admin.resource(rule("helm-second", "second")).create();
        awaitOpenIncidents("helm-second", 1);
        assertThat(awaitOpenIncidents("helm-first", 1)).hasSize(1);
    }

    @Test
    @Order(4)
    void helmUninstallRemovesTheReleaseButKeepsTheIncidents() {
        helm("uninstall", RELEASE, "--namespace", RELEASE_NAMESPACE, "--wait", "--timeout", "2m");
        Map<String, String> release = Map.of(SELECTOR, RELEASE);
        Awaitility.await("the operator pod gone").atMost(WAIT).until(() -> operatorPod() == null);
        assertThat(admin.apps().deployments().inNamespace(RELEASE_NAMESPACE).withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.serviceAccounts().inNamespace(RELEASE_NAMESPACE).withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.services().inNamespace(RELEASE_NAMESPACE).withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.rbac().roles().inAnyNamespace().withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.rbac().roleBindings().inAnyNamespace().withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.rbac().clusterRoles().withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicies().withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withLabels(release).list().getItems()).isEmpty();
        assertThat(admin.resources(Incident.class).inNamespace(tenant).list().getItems()).as("incidents are the record: two of rules, one of Alertmanager")
                .hasSize(3);
        assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("incidents.klaxon.dev").get())
                .as("helm never deletes CRDs (that would delete every incident)").isNotNull();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * The first line of what {@code GET /q/metrics} at {@code address} answers a restricted pod of
     * {@code namespace} (bash's /dev/tcp in the step image), or "" when it cannot connect within 3 s.
     */
    private static String metricsAnswer(String namespace, String address) {
        String[] hostPort = address.split(":");
        String name = "metrics-probe-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Pod probe = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("probe").withImage(TestCluster.STEP_IMAGE).withImagePullPolicy("Never")
                .withCommand("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/$0/$1 && printf 'GET /q/metrics HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3",
                        hostPort[0], hostPort[1])
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext().endContainer().endSpec().build();
        admin.resource(probe).create();
        try {
            Awaitility.await(name + " finished").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> admin.resource(probe).get().getStatus().getPhase(), phase -> "Succeeded".equals(phase) || "Failed".equals(phase));
            return admin.pods().inNamespace(namespace).withName(name).getLog().strip();
        } finally {
            admin.resource(probe).delete();
        }
    }

    private static void helm(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.helm().toString(), "--kubeconfig",
                TestCluster.get().kubeconfigFile().toString()));
        command.addAll(List.of(args));
        try {
            TestCluster.run(Duration.ofMinutes(5), command.toArray(String[]::new));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + podsNotReady(), e);
        }
    }

    /** The release's pods that are not Ready, with their state and last log lines: why a `helm --wait` timed out. */
    private static String podsNotReady() {
        StringBuilder report = new StringBuilder("pods not ready:");
        for (String namespace : List.of(RELEASE_NAMESPACE, tenant)) {
            for (Pod pod : admin.pods().inNamespace(namespace).list().getItems()) {
                if (pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady)) {
                    continue;
                }
                report.append("\n  ").append(namespace).append('/').append(pod.getMetadata().getName()).append(": ")
                        .append(pod.getStatus().getContainerStatuses());
                try {
                    report.append("\n    log: ").append(admin.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).tailingLines(15).getLog());
                } catch (RuntimeException e) {
                    report.append("\n    no log: ").append(e.getMessage());
                }
            }
        }
        return report.toString();
    }

    private static Path buildOperatorImage() {
        String output = TestCluster.run(Duration.ofMinutes(5), "hack/images.sh", "operator").strip();
        return Path.of(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static String sha256(Path file) throws java.io.IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Pod operatorPod() {
        return admin.pods().inNamespace(RELEASE_NAMESPACE).withLabel(SELECTOR, RELEASE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst().orElse(null);
    }

    private static long secondsToReady(Pod pod) {
        String ready = pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getLastTransitionTime();
        return Duration.between(java.time.Instant.parse(pod.getMetadata().getCreationTimestamp()), java.time.Instant.parse(ready)).toSeconds();
    }

    private static AlertRule rule(String name, String series) {
        return Rules.aboveOne(tenant, name, METRIC + "{case=\"" + series + "\"}", AlertRuleSpec.RuleSeverity.SEV3, Category.AVAILABILITY);
    }

    private static List<Incident> awaitOpenIncidents(String rule, int count) {
        return Awaitility.await("open incidents of " + rule).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(Incident.class).inNamespace(tenant).withLabel(KlaxonApi.LABEL_RULE, rule).list().getItems()
                        .stream().filter(i -> i.getSpec().getPhase() == null || i.getSpec().getPhase().isOpen()).toList(),
                        open -> open.size() == count);
    }
}
