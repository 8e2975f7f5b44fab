package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.testing.JobPods;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPrometheus;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's five-minute tour, step by step, on the real cluster with the tour's manifests
 * (examples/tour): the demo api-gateway runs as a pod that Prometheus scrapes; `hack/demo.sh
 * break` rolls out a bad version; the incident opens within seconds; the on-call person is
 * paged through a webhook and acknowledges from her page's link (`hack/demo.sh ack`, through the
 * responder site); the playbook run waits for approval; a second person approves; the
 * step's pod really runs `kubectl rollout undo`; the error rate recovers in Prometheus, the step
 * is verified and the incident resolves by itself.
 */
// bob works incidents in the tour's namespace: he may read them and approve runs.
@OperatorTest(namespace = "tour", tenant = true, responders = TourIT.BOB, responderSite = true)
class TourIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    static final String BOB = "bob@example.com";
    private static final String OPERATOR_USER = "system:serviceaccount:" + OperatorUnderTest.NAMESPACE + ":"
            + OperatorUnderTest.SERVICE_ACCOUNT;
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static TestReceiver pager;

    @BeforeAll
    static void setUp() {
        TestCluster cluster = TestCluster.get();
        cluster.loadImage(Path.of(TestCluster.run(Duration.ofMinutes(2), "hack/images.sh", "demo").strip().lines()
                .reduce((first, second) -> second).orElseThrow()));

        pager = new TestReceiver();
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("tour-pager").addToAnnotations("klaxon.dev/channel-namespaces", namespace).endMetadata()
                .addToStringData("url", pager.url("/page")).build()).createOr(existing -> existing.update());
        apply("examples/tour/api-gateway.yaml");
        admin.apps().deployments().inNamespace(namespace).withName("api-gateway").waitUntilReady(90, TimeUnit.SECONDS);
        String service = admin.services().inNamespace(namespace).withName("api-gateway").get().getSpec().getClusterIP();
        TestPrometheus.get().addTarget("api", "127.0.0.1:" + cluster.publish(service + ":8080"));
        apply("examples/tour/klaxon.yaml");
    }

    @AfterAll
    static void tearDown() {
        if (pager != null) {
            pager.close();
        }
    }

    @Test
    void aBadReleaseIsDetectedPagedAcknowledgedRolledBackWithApprovalAndResolved() throws Exception {
        // Healthy first: the rule evaluates and nothing fires.
        Awaitility.await("Prometheus scrapes the gateway").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> operator.metric("klaxon_rule_evaluations_total{result=\"success\"}") > 3);
        assertThat(incidents()).isEmpty();

        Instant broken = Instant.now();
        TestCluster.run(Duration.ofMinutes(2), "env", "KUBECONFIG=" + TestCluster.get().kubeconfigFile(), "hack/demo.sh", "break", namespace);

        Incident incident = Awaitility.await("the incident opens").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(TourIT::incidents, list -> !list.isEmpty()).get(0);
        Duration detection = Duration.between(broken, Instant.parse(incident.getMetadata().getCreationTimestamp()).plusSeconds(1));
        System.out.printf("[tour] bad release -> incident %s in %d s%n", incident.getMetadata().getName(), detection.toSeconds());
        assertThat(detection).as("within seconds (2 s evaluations, 4 s pending)").isLessThan(Duration.ofSeconds(45));

        // The on-call person is paged.
        Awaitility.await("a page").atMost(WAIT).until(() -> !pager.accepted("/page").isEmpty());
        assertThat(pager.accepted("/page").get(0).body()).contains(incident.getMetadata().getName(), "High error rate on api-gateway");

        // She acknowledges from the page's link, as `hack/demo.sh ack` does with the pager's log.
        Path local = Files.createTempDirectory("klaxon-tour");
        Files.writeString(local.resolve("pages.log"), "2026-12-05T03:00:00Z /page " + pager.accepted("/page").get(0).body() + "\n");
        String acked = TestCluster.run(Duration.ofMinutes(1), "env", "KLAXON_LOCAL_DIR=" + local, "hack/demo.sh", "ack");
        assertThat(acked).contains("the page asks: Acknowledge this incident as alice@example.com?", "Acknowledged as alice@example.com");
        Incident acknowledged = Awaitility.await("acknowledged").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus().getAcknowledgedAt() != null);
        assertThat(acknowledged.getStatus().getTimeline()).anySatisfy(entry -> assertThat(entry.getMessage())
                .isEqualTo("Detected -> Acknowledged: acknowledged by alice@example.com from a page link"));

        // The operator started the playbook; its first step's pod really ran; the rollback waits for approval.
        PlaybookRun run = awaitRun(incident, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(run.getSpec().getRequestedBy()).isEqualTo(OPERATOR_USER);
        String history = jobOf(run, "check-recent-deployments");
        assertThat(JobPods.terminated(admin, namespace, history).getExitCode()).isZero();
        assertThat(admin.pods().inNamespace(namespace).withName(JobPods.podOf(admin, namespace, history).getMetadata().getName())
                .getLog()).contains("REVISION", "demo: a bad release");

        // A second person approves; the step's pod rolls the Deployment back.
        long revisionBefore = revision();
        assertThat(Users.plugin(namespace, BOB, 0, "approve", run.getMetadata().getName(), "rollback-deployment",
                "--comment", "bad release, rolling back")).contains("step rollback-deployment approved");
        String rollback = jobOf(run, "rollback-deployment");
        assertThat(JobPods.terminated(admin, namespace, rollback).getExitCode()).isZero();
        Awaitility.await("the rollout undo").atMost(WAIT).until(() -> revision() > revisionBefore);
        Deployment gateway = admin.apps().deployments().inNamespace(namespace).withName("api-gateway").get();
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .as("the good release's template is back").noneMatch(e -> e.getName().equals("DEMO_ERROR_RATE"));

        // The error rate recovers in Prometheus: the step is verified, the run succeeds, the incident resolves.
        PlaybookRun done = awaitRun(incident, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
        StepStatus verified = done.getStatus().getSteps().get(1);
        assertThat(verified.getApprovedBy()).isEqualTo(BOB);
        assertThat(verified.getMessage()).contains("verified");
        Incident resolved = Awaitility.await("the incident resolves").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getPhase() == IncidentPhase.Resolved);
        assertThat(resolved.getStatus().getMttaSeconds()).as("her acknowledgment counts for MTTA").isNotNull();
        Incident told = Awaitility.await("the resolution is sent").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus().getNotifications().stream()
                        .anyMatch(n -> n.getEvent().equals("resolved") && "Delivered".equals(String.valueOf(n.getOutcome()))));
        assertThat(told.getStatus().getNotifications()).anyMatch(n -> n.getEvent().equals("acknowledged"));
        System.out.printf("[tour] bad release -> resolved in %d s%n",
                Duration.between(broken, Instant.parse(resolved.getStatus().getResolvedAt())).toSeconds());
    }

    private static void apply(String manifest) {
        for (HasMetadata object : TestCluster.get().load(TestCluster.PROJECT.resolve(manifest), namespace)) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
    }

    private static List<Incident> incidents() {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "api-gateway-errors")
                .list().getItems();
    }

    /** The name of the Job the operator made for a step of the run. */
    private static String jobOf(PlaybookRun run, String step) {
        return Awaitility.await("the Job of " + step).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.batch().v1().jobs().inNamespace(namespace)
                        .withLabel(KlaxonApi.LABEL_PLAYBOOK_RUN, run.getMetadata().getName()).withLabel(KlaxonApi.LABEL_STEP, step)
                        .withLabel(KlaxonApi.LABEL_JOB_ROLE, "step").list().getItems(), jobs -> !jobs.isEmpty())
                .get(0).getMetadata().getName();
    }

    private static long revision() {
        Map<String, String> annotations = admin.apps().deployments().inNamespace(namespace).withName("api-gateway").get()
                .getMetadata().getAnnotations();
        return Long.parseLong(annotations.getOrDefault("deployment.kubernetes.io/revision", "0"));
    }

    private static PlaybookRun awaitRun(Incident incident, Predicate<PlaybookRun> condition) {
        return Awaitility.await("the run of " + incident.getMetadata().getName()).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resources(PlaybookRun.class).inNamespace(namespace)
                        .withField("spec.incidentRef", incident.getMetadata().getName()).list().getItems().stream()
                        .filter(r -> r.getStatus() != null && r.getStatus().getPhase() != null && condition.test(r)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
