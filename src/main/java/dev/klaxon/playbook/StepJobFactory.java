package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import dev.klaxon.api.v1alpha1.ResourceAmounts;
import dev.klaxon.api.v1alpha1.StepEnvVar;
import dev.klaxon.api.v1alpha1.StepResources;
import dev.klaxon.api.v1alpha1.StepRollback;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.KubernetesNames;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the Job of a step or of its rollback from the run's playbook snapshot.
 *
 * <p>Incident and alert data reach the container only as environment variables, never inside
 * command or args: an alert label is attacker-influenced text (anyone who can set a label on a
 * scraped target), and the Job's command is exactly what the playbook's author wrote.
 */
final class StepJobFactory {

    static final String TMP_VOLUME = "tmp";

    /**
     * What a step gets when its playbook does not say: container resources (a step without
     * limits could starve the node the incident is already hurting) and how long its finished
     * Job is kept.
     */
    record Defaults(ResourceRequirements resources, Duration finishedJobTtl) {
    }

    private final Defaults defaults;

    StepJobFactory(Defaults defaults) {
        this.defaults = defaults;
    }

    Job build(PlaybookRun run, int index, RunSequencer.JobRole role, String name, Optional<Incident> incident) {
        PlaybookStep step = run.getStatus().getPlaybook().getSteps().get(index);
        StepResources own = step.getResources() != null ? step.getResources() : run.getStatus().getPlaybook().getResources();
        ResourceRequirements resources = own != null ? requirements(own) : defaults.resources();
        StepRollback rollback = step.getRollback();
        boolean isRollback = role == RunSequencer.JobRole.ROLLBACK;
        String image = isRollback && rollback.getImage() != null ? rollback.getImage() : step.getImage();
        List<String> command = isRollback ? rollback.getCommand() : step.getCommand();
        List<String> args = isRollback ? rollback.getArgs() : step.getArgs();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KlaxonApi.LABEL_PLAYBOOK_RUN, KubernetesNames.fit(run.getMetadata().getName(), KubernetesNames.LABEL_MAX));
        labels.put(KlaxonApi.LABEL_PLAYBOOK, KubernetesNames.fit(run.getSpec().getPlaybookRef(), KubernetesNames.LABEL_MAX));
        labels.put(KlaxonApi.LABEL_STEP, step.getName());
        labels.put(KlaxonApi.LABEL_JOB_ROLE, role.label);
        long deadline = Math.max(1, KlaxonDurations.parse(step.getTimeout()).toSeconds());
        Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
        String serviceAccount = step.getServiceAccountName() != null ? step.getServiceAccountName()
                : run.getStatus().getPlaybook().getServiceAccountName();
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(run.getMetadata().getNamespace())
                    .withLabels(labels)
                    .addToAnnotations(KlaxonApi.LABEL_PLAYBOOK_RUN, run.getMetadata().getName())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind(run.getKind())
                            .withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                    // A remediation step runs once: retrying a half-applied change is for people to decide.
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(deadline)
                    // Kept long enough for the run to see its end (even across an operator restart), then cleaned up.
                    .withTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, defaults.finishedJobTtl().toSeconds()))
                    .withNewTemplate()
                        // The full run name (the label may be shortened): the operator maps the pod back to its run.
                        .withNewMetadata().withLabels(labels)
                            .addToAnnotations(KlaxonApi.LABEL_PLAYBOOK_RUN, run.getMetadata().getName()).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(serviceAccount)
                            // A step gets API credentials only when its playbook names who it runs as.
                            .withAutomountServiceAccountToken(serviceAccount != null)
                            // Service links would put every Service of the namespace into the environment.
                            .withEnableServiceLinks(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName(isRollback ? "rollback" : "step")
                                .withImage(image)
                                // Explicit: a tag-less image would otherwise be pulled again at every step.
                                .withImagePullPolicy("IfNotPresent")
                                .withCommand(command)
                                .withArgs(args)
                                .withEnv(environment(run, step, incident))
                                .withResources(resources)
                                .withNewSecurityContext()
                                    .withRunAsNonRoot(true)
                                    .withAllowPrivilegeEscalation(false)
                                    .withReadOnlyRootFilesystem(true)
                                    .withPrivileged(false)
                                    .withCapabilities(dropAll)
                                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                                .endSecurityContext()
                                // Tools write temporary files; the root filesystem stays read-only.
                                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The playbook's resources as Kubernetes takes them; an amount it leaves out is left out. */
    static ResourceRequirements requirements(StepResources resources) {
        return new ResourceRequirementsBuilder().withRequests(amounts(resources.getRequests())).withLimits(amounts(resources.getLimits())).build();
    }

    private static Map<String, Quantity> amounts(ResourceAmounts amounts) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        if (amounts != null && amounts.getCpu() != null) {
            quantities.put("cpu", new Quantity(amounts.getCpu()));
        }
        if (amounts != null && amounts.getMemory() != null) {
            quantities.put("memory", new Quantity(amounts.getMemory()));
        }
        return quantities.isEmpty() ? null : quantities;
    }

    /** KLAXON_* variables first, then the step's own (which cannot use the KLAXON_ prefix). */
    static List<EnvVar> environment(PlaybookRun run, PlaybookStep step, Optional<Incident> incident) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KLAXON_RUN", run.getMetadata().getName());
        env.put("KLAXON_PLAYBOOK", run.getSpec().getPlaybookRef());
        env.put("KLAXON_STEP", step.getName());
        if (run.getSpec().getIncidentRef() != null) {
            env.put("KLAXON_INCIDENT", run.getSpec().getIncidentRef());
        }
        incident.ifPresent(i -> {
            if (i.getSpec().getSeverity() != null) {
                env.put("KLAXON_SEVERITY", i.getSpec().getSeverity().name());
            }
            if (i.getSpec().getSource() != null && i.getSpec().getSource().getLabels() != null) {
                new TreeMap<>(i.getSpec().getSource().getLabels()).forEach((k, v) -> env.putIfAbsent("KLAXON_LABEL_" + envName(k), v));
            }
        });
        if (run.getSpec().getParameters() != null) {
            new TreeMap<>(run.getSpec().getParameters()).forEach((k, v) -> env.putIfAbsent("KLAXON_PARAM_" + envName(k), v));
        }
        List<EnvVar> vars = new ArrayList<>();
        env.forEach((k, v) -> vars.add(new EnvVar(k, literal(v), null)));
        if (step.getEnv() != null) {
            for (StepEnvVar var : step.getEnv()) {
                if (!var.getName().startsWith(PlaybookValidator.RESERVED_ENV_PREFIX)) {
                    // Literal like the incident data: no $(VAR) expansion, so no value can pull a label into argv.
                    vars.add(new EnvVar(var.getName(), literal(var.getValue()), null));
                }
            }
        }
        return vars;
    }

    /**
     * Kubernetes expands {@code $(NAME)} in environment values into other variables' values; incident
     * data is data, so every '$' is doubled, which Kubernetes turns back into a single '$'.
     */
    static String literal(String value) {
        return value == null ? null : value.replace("$", "$$");
    }

    /** A label or parameter name as an environment variable name: upper case, other characters as '_'. */
    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }
}
