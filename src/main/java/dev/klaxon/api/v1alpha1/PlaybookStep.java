package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One step of a playbook: a container run as a Kubernetes Job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookStep {

    @Required
    @Size(min = 1, max = 40)
    @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("Step name, unique in the playbook: lower-case letters, digits and '-' (a DNS label of at most 40 characters, as it is part of the Job name).")
    private String name;

    @JsonPropertyDescription("What the step does, for the people approving it.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_ITEM)
    @JsonPropertyDescription("Container image the step runs.")
    private String image;

    @JsonPropertyDescription("Entrypoint (exec form, no shell). Incident data is never substituted here; it is passed as KLAXON_* environment variables.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_TEXT) String> command;

    @JsonPropertyDescription("Arguments (exec form). Incident data is never substituted here; it is passed as KLAXON_* environment variables.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_TEXT) String> args;

    @Size(max = 50)
    @JsonPropertyDescription("Extra environment variables for the step's container.")
    private List<StepEnvVar> env;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("ServiceAccount this step's Job runs as, when it needs other rights than the playbook's serviceAccountName. Default: the playbook's.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String serviceAccountName;

    @JsonPropertyDescription("CPU and memory of the step's container. Default: the playbook's resources, else the operator's (helm value playbooks.stepResources).")
    private StepResources resources;

    @Default("10m")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long the step may run before it fails (the Job's activeDeadlineSeconds). Default 10m.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String timeout = "10m";

    @Default("false")
    @JsonPropertyDescription("Whether the step waits for an approval in the run's spec.approvals before it starts. Default false.")
    private Boolean requiresApproval = Boolean.FALSE;

    @JsonPropertyDescription("A PromQL condition that must hold after the step for it to count as successful.")
    private StepVerification verification;

    @JsonPropertyDescription("What to run when the step fails.")
    private StepRollback rollback;

    @Default("false")
    @JsonPropertyDescription("Whether the run goes on to the next step when this one fails. Default false.")
    private Boolean continueOnFailure = Boolean.FALSE;

    public StepResources getResources() { return resources; }
    public void setResources(StepResources resources) { this.resources = resources; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public List<String> getCommand() { return command; }
    public void setCommand(List<String> command) { this.command = command; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public List<StepEnvVar> getEnv() { return env; }
    public void setEnv(List<StepEnvVar> env) { this.env = env; }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
    public Boolean getRequiresApproval() { return requiresApproval; }
    public void setRequiresApproval(Boolean requiresApproval) { this.requiresApproval = requiresApproval; }
    public StepVerification getVerification() { return verification; }
    public void setVerification(StepVerification verification) { this.verification = verification; }
    public StepRollback getRollback() { return rollback; }
    public void setRollback(StepRollback rollback) { this.rollback = rollback; }
    public Boolean getContinueOnFailure() { return continueOnFailure; }
    public void setContinueOnFailure(Boolean continueOnFailure) { this.continueOnFailure = continueOnFailure; }
}
