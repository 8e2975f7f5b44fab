package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlaybookSpec {

    @JsonPropertyDescription("What the playbook is for.")
    @Size(max = KlaxonApi.MAX_TEXT)
    private String description;

    @JsonPropertyDescription("The incident category this playbook addresses; used to suggest it.")
    private Category category;

    @JsonPropertyDescription("Severities this playbook applies to; used to suggest it. Empty: all.")
    @Size(max = 5)
    private List<Severity> severities;

    @JsonPropertyDescription("Symptoms this playbook addresses (e.g. 5xx error rate above 5%); used to suggest it.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> symptoms;

    @JsonPropertyDescription("What must be true or available before running it.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> prerequisites;

    @JsonPropertyDescription("When to escalate instead of continuing.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> escalationCriteria;

    @JsonPropertyDescription("Names of related playbooks.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_ITEM) String> related;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("ServiceAccount the step Jobs run as; it must carry the label klaxon.dev/step-runner=true. Default: none, and the steps run without API credentials.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String serviceAccountName;

    @JsonPropertyDescription("Who may approve steps that require approval. Empty: any person (not a ServiceAccount) who may create Jobs in this namespace, except the run's requester.")
    private Approvers approvers;

    @JsonPropertyDescription("CPU and memory of every step's container, unless a step sets its own. Default: the operator's (helm value playbooks.stepResources).")
    private StepResources resources;

    @Required
    @Size(min = 1, max = 50)
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))",
            messageExpression = "'step names must be unique, repeated: ' + self.map(s, s.name).filter(n, self.filter(t, t.name == n).size() > 1)[0]")
    @JsonPropertyDescription("The steps, run in order, one Job each (1 to 50).")
    private List<PlaybookStep> steps = new ArrayList<>();

    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public List<Severity> getSeverities() { return severities; }
    public void setSeverities(List<Severity> severities) { this.severities = severities; }
    public List<String> getSymptoms() { return symptoms; }
    public void setSymptoms(List<String> symptoms) { this.symptoms = symptoms; }
    public List<String> getPrerequisites() { return prerequisites; }
    public void setPrerequisites(List<String> prerequisites) { this.prerequisites = prerequisites; }
    public List<String> getEscalationCriteria() { return escalationCriteria; }
    public void setEscalationCriteria(List<String> escalationCriteria) { this.escalationCriteria = escalationCriteria; }
    public List<String> getRelated() { return related; }
    public void setRelated(List<String> related) { this.related = related; }
    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
    public StepResources getResources() { return resources; }
    public void setResources(StepResources resources) { this.resources = resources; }
    public Approvers getApprovers() { return approvers; }
    public void setApprovers(Approvers approvers) { this.approvers = approvers; }
    public List<PlaybookStep> getSteps() { return steps; }
    public void setSteps(List<PlaybookStep> steps) { this.steps = steps; }
}
