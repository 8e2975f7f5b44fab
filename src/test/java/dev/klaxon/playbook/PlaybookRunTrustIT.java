package dev.klaxon.playbook;

import static dev.klaxon.testing.Playbooks.gated;
import static dev.klaxon.testing.Playbooks.playbook;
import static dev.klaxon.testing.Playbooks.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.Approvers;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.StepApproval;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.Tenants;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run's approval gate and its Jobs, tried as a hostile tenant would, on the real cluster with
 * the chart's policies: approvals that must not count, a run whose status someone rewrote, a
 * step Job swapped for another, a namespace where approvals could be forged, and Jobs the
 * operator's own rights must not be able to create.
 */
class PlaybookRunTrustIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    /** A responder who may approve runs but not create Jobs herself. */
    private static final String CAROL = "carol@example.com";
    private static final String OPERATOR_USER = "system:serviceaccount:" + OperatorUnderTest.NAMESPACE + ":"
            + OperatorUnderTest.SERVICE_ACCOUNT;

    private static KubernetesClient admin;
    /** Enforces the chart's approval policy (and restricted Pod Security). */
    private static String enforced;
    /** Outside the policy's namespace selector: the API server admits any approvedBy here. */
    private static String open;
    private static OperatorProcess enforcedOperator;
    private static OperatorProcess openOperator;
    private static int counter;

    @BeforeAll
    static void start() {
        admin = TestCluster.get().admin();
        enforced = Tenants.create("trust", ALICE, BOB);
        admin.resource(new RoleBuilder().withNewMetadata().withName("approve-only").withNamespace(enforced).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("klaxon.dev").withResources("playbookruns")
                        .withVerbs("get", "list", "update", "patch").build()).build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("approve-only").withNamespace(enforced).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "approve-only")
                .addNewSubject().withKind("User").withName(CAROL).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .addNewSubject().withKind("ServiceAccount").withName("default").withNamespace(enforced).endSubject()
                .build()).create();
        open = TestCluster.get().createNamespace("trust-open");
        enforcedOperator = new OperatorProcess(enforced).start();
        openOperator = new OperatorProcess(open).start();
    }

    @AfterAll
    static void stop() {
        enforcedOperator.close();
        openOperator.close();
    }

    @Test
    void aServiceAccountNeverApprovesNotEvenOneThatAPersonImpersonates() {
        create(playbook(enforced, "sa-approval", gated(step("apply", "exit 0"))));
        String run = createRun(enforced, "sa-approval");
        awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        String serviceAccount = "system:serviceaccount:" + enforced + ":default";

        // The policy admits it (approvedBy is who sent it); the operator does not count it.
        approve(Users.as(serviceAccount), enforced, run, "apply", serviceAccount);

        assertThat(awaitEvent(enforced, run, "ApprovalIgnored").getMessage()).contains(serviceAccount + " is a ServiceAccount");
        assertThat(runNamed(enforced, run).getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(jobsOf(enforced, run)).isEmpty();

        approve(Users.as(BOB), enforced, run, "apply", BOB);
        PlaybookRun done = awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
        assertThat(done.getStatus().getSteps().get(0).getApprovedBy()).isEqualTo(BOB);
    }

    @Test
    void anApprovalCountsOnlyFromSomeoneWhoCouldRunTheStepThemselvesOrWhomThePlaybookNames() {
        create(playbook(enforced, "needs-rights", gated(step("apply", "exit 0"))));
        String run = createRun(enforced, "needs-rights");
        awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);

        approve(Users.as(CAROL), enforced, run, "apply", CAROL);

        assertThat(awaitEvent(enforced, run, "ApprovalIgnored").getMessage())
                .contains(CAROL + " may not create Jobs in namespace " + enforced, "not one of the playbook's approvers");
        assertThat(jobsOf(enforced, run)).isEmpty();

        Playbook named = playbook(enforced, "names-carol", gated(step("apply", "exit 0")));
        Approvers approvers = new Approvers();
        approvers.setUsers(List.of(CAROL));
        named.getSpec().setApprovers(approvers);
        create(named);
        String second = createRun(enforced, "names-carol");
        awaitRun(enforced, second, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        approve(Users.as(CAROL), enforced, second, "apply", CAROL);
        assertThat(awaitRun(enforced, second, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded)
                .getStatus().getSteps().get(0).getApprovedBy()).isEqualTo(CAROL);
    }

    @Test
    void anApprovalGivenBeforeTheRunStartedDoesNotCount() {
        String run = createRun(enforced, "not-written-yet");
        Await.ready(admin, PlaybookRun.class, enforced, run, Condition.Status.False);
        approve(Users.as(BOB), enforced, run, "apply", BOB);
        // Only now does the playbook exist: bob approved without seeing what the run executes.
        create(playbook(enforced, "not-written-yet", gated(step("apply", "exit 0"))));

        awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(awaitEvent(enforced, run, "ApprovalIgnored").getMessage()).contains(BOB + " approved before the run started");
        assertThat(jobsOf(enforced, run)).isEmpty();

        approve(Users.as(BOB), enforced, run, "apply", BOB);
        awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
    }

    @Test
    void nobodyCanAddACopyOfSomeoneElsesApproval() {
        create(playbook(enforced, "copy-approval", gated(step("one", "exit 0")), gated(step("two", "exit 0"))));
        String run = createRun(enforced, "copy-approval");
        approve(Users.as(BOB), enforced, run, "one", BOB);

        assertThatThrownBy(() -> approve(Users.as(CAROL), enforced, run, "one", BOB))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).contains("a new approval must name you (" + CAROL + ")");
                });
    }

    @Test
    void aStepJobSwappedForAnotherOfTheSameNameIsNotTakenForTheStep() {
        create(playbook(enforced, "swapped", step("long", "sleep 600"), step("after", "exit 0")));
        String run = createRun(enforced, "swapped");
        Job original = awaitJob(enforced, run, "long");

        enforcedOperator.kill();
        // Someone deletes the step's Job and puts a finished one with the same name, labels and owner in its place.
        admin.resource(original).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        Awaitility.await("original Job gone").atMost(WAIT).until(() -> admin.resource(original).get() == null);
        Job swapped = admin.resource(new JobBuilder().withNewMetadata().withName(original.getMetadata().getName())
                        .withNamespace(enforced).withLabels(original.getMetadata().getLabels())
                        .withOwnerReferences(original.getMetadata().getOwnerReferences()).endMetadata()
                        .withSpec(original.getSpec()).editSpec().withSelector(null).editTemplate().editMetadata()
                        .withLabels(original.getMetadata().getLabels()).endMetadata().editSpec().editFirstContainer()
                        .withCommand("/bin/sh", "-c", "exit 0").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        Awaitility.await("swapped Job complete").atMost(WAIT).until(() -> JobStates.of(admin.resource(swapped).get()).outcome()
                == RunSequencer.JobState.Outcome.SUCCEEDED);
        enforcedOperator = new OperatorProcess(enforced).start();

        PlaybookRun failed = awaitRun(enforced, run, r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getPhase()).isEqualTo(StepStatus.Phase.Failed);
        assertThat(failed.getStatus().getSteps().get(0).getMessage()).contains("is not the Job this run created");
        assertThat(jobsOf(enforced, run).stream().filter(j -> "after".equals(j.getMetadata().getLabels().get(KlaxonApi.LABEL_STEP))))
                .isEmpty();
    }

    @Test
    void whereTheApiServerWouldAdmitAForgedApprovalAGatedStepNeverRuns() {
        create(playbook(open, "ungoverned", step("check", "exit 0"), gated(step("apply", "exit 0"))));
        PlaybookRun run = run(open, "ungoverned", ALICE);
        admin.resource(run).create();
        String name = run.getMetadata().getName();

        Condition notEnforced = Awaitility.await("ApprovalPolicyNotEnforced").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> ready(runNamed(open, name)), c -> c.isPresent() && "ApprovalPolicyNotEnforced".equals(c.get().getReason()))
                .orElseThrow();
        assertThat(notEnforced.getMessage()).contains("admissionPolicy.enabled=true", "namespace " + open);
        assertThat(runNamed(open, name).getStatus().getSteps().get(0).getPhase()).isEqualTo(StepStatus.Phase.Succeeded);

        // Nothing stops anyone from writing bob's name here: it must not count.
        PlaybookRun forged = approve(admin, open, name, "apply", BOB);
        PlaybookRun seen = Awaitility.await("the forged approval seen").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> runNamed(open, name), r -> forged.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration()));
        assertThat(seen.getStatus().getPhase()).isEqualTo(PlaybookRunStatus.Phase.WaitingForApproval);
        assertThat(ready(seen).orElseThrow().getReason()).isEqualTo("ApprovalPolicyNotEnforced");
        assertThat(jobsOf(open, name).stream().filter(j -> "apply".equals(j.getMetadata().getLabels().get(KlaxonApi.LABEL_STEP))))
                .isEmpty();
    }

    @Test
    void aRunWhoseStatusSomeoneElseRewroteStops() {
        create(playbook(open, "rewritten", gated(step("apply", "exit 0"))));
        PlaybookRun ungated = run(open, "rewritten", ALICE);
        admin.resource(ungated).create();
        PlaybookRun retaken = run(open, "rewritten", ALICE);
        admin.resource(retaken).create();
        for (PlaybookRun run : List.of(ungated, retaken)) {
            awaitRun(open, run.getMetadata().getName(), r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.WaitingForApproval);
        }

        // Where the status policy is not bound, the API server lets an admin write status: the seal still holds the line.
        status(ungated.getMetadata().getName(), "[{\"op\":\"replace\",\"path\":\"/status/playbook/steps/0/requiresApproval\",\"value\":false}]");
        status(retaken.getMetadata().getName(), "[{\"op\":\"remove\",\"path\":\"/status/playbook\"},{\"op\":\"remove\",\"path\":\"/status/steps\"},"
                + "{\"op\":\"remove\",\"path\":\"/status/startedAt\"}]");
        // ...and the playbook now runs something else, which a retaken snapshot would pick up.
        admin.resources(Playbook.class).inNamespace(open).withName("rewritten").edit(p -> {
            p.getSpec().getSteps().get(0).setRequiresApproval(false);
            return p;
        });

        for (PlaybookRun run : List.of(ungated, retaken)) {
            String name = run.getMetadata().getName();
            Condition tampered = Awaitility.await("StatusTampered " + name).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ready(runNamed(open, name)), c -> c.isPresent() && "StatusTampered".equals(c.get().getReason()))
                    .orElseThrow();
            assertThat(tampered.getMessage()).contains("changed by someone other than the operator");
            assertThat(awaitEvent(open, name, "StatusTampered").getType()).isEqualTo("Warning");
            assertThat(jobsOf(open, name)).as("nothing of a tampered run runs").isEmpty();
        }
    }

    @Test
    void theOperatorsRightsCreateNoJobOutsideARunNorInTheClustersOwnNamespaces() {
        KubernetesClient operator = Users.as(OPERATOR_USER);
        Job loose = job(enforced, null);
        assertThatThrownBy(() -> operator.resource(loose).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).contains("creates only Jobs that belong to a PlaybookRun");
        });
        Job inKubeSystem = job("kube-system", "5f0c1c5e-0000-4000-8000-000000000001");
        assertThatThrownBy(() -> operator.resource(inKubeSystem).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).contains("never runs playbook steps in namespace kube-system");
        });
        // The same Job from anyone else is none of the policy's business.
        assertThat(admin.resource(job(enforced, null)).create().getMetadata().getUid()).isNotBlank();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static Job job(String namespace, String ownerUid) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("not-a-step-" + (++counter)).withNamespace(namespace).endMetadata()
                .withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage(TestCluster.STEP_IMAGE).withCommand("/bin/true").endContainer()
                .endSpec().endTemplate().endSpec();
        if (ownerUid != null) {
            job.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("klaxon.dev/v1alpha1").withKind("PlaybookRun")
                    .withName("some-run").withUid(ownerUid).withController(true).build()).endMetadata();
        }
        return job.build();
    }

    private static void status(String run, String jsonPatch) {
        admin.resources(PlaybookRun.class).inNamespace(open).withName(run).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), jsonPatch);
    }

    private static Optional<Condition> ready(PlaybookRun run) {
        if (run == null || run.getStatus() == null) {
            return Optional.empty();
        }
        return run.getStatus().getConditions().stream().filter(c -> Condition.READY.equals(c.getType())).findFirst();
    }

    private static void create(Playbook playbook) {
        admin.resource(playbook).create();
    }

    private static PlaybookRun run(String namespace, String playbook, String requestedBy) {
        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new ObjectMetaBuilder().withName(playbook + "-" + (++counter)).withNamespace(namespace).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setRequestedBy(requestedBy);
        run.setSpec(spec);
        return run;
    }

    /** A run alice creates in her name (as the policy requires). */
    private static String createRun(String namespace, String playbook) {
        return Users.as(ALICE).resource(run(namespace, playbook, ALICE)).create().getMetadata().getName();
    }

    /** Appends an approval (a JSON patch: no conflict with the operator's status writes). */
    private static PlaybookRun approve(KubernetesClient user, String namespace, String run, String step, String approvedBy) {
        String approval = admin.getKubernetesSerialization().asJson(new StepApproval(step, approvedBy, null));
        return user.resources(PlaybookRun.class).inNamespace(namespace).withName(run)
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/spec/approvals/-\",\"value\":" + approval + "}]");
    }

    private static PlaybookRun runNamed(String namespace, String name) {
        return admin.resources(PlaybookRun.class).inNamespace(namespace).withName(name).get();
    }

    private static PlaybookRun awaitRun(String namespace, String name, Predicate<PlaybookRun> condition) {
        return Playbooks.awaitRun(admin, namespace, name, condition);
    }

    private static List<Job> jobsOf(String namespace, String run) {
        return admin.batch().v1().jobs().inNamespace(namespace).withLabel(KlaxonApi.LABEL_PLAYBOOK_RUN, run).list().getItems();
    }

    private static Job awaitJob(String namespace, String run, String step) {
        return Awaitility.await("Job of " + run + "/" + step).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> jobsOf(namespace, run).stream().filter(j -> step.equals(j.getMetadata().getLabels().get(KlaxonApi.LABEL_STEP)))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static Event awaitEvent(String namespace, String run, String reason) {
        return Playbooks.awaitEvent(admin, namespace, run, reason);
    }
}
