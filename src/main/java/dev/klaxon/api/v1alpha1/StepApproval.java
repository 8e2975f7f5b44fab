package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A person's approval of one step of a run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepApproval {

    @Required
    @Size(max = 40)
    @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("Name of the approved step.")
    private String step;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The approving user, as the API server authenticates them.")
    private String approvedBy;

    @Size(max = 50)
    @JsonPropertyDescription("The approver's groups as the API server authenticates them (kubectl klaxon approve fills them in; the chart's policy admits only groups the approver is in). The operator asks the API server whether this user, with these groups, may create Jobs in the namespace.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> groups;

    @Size(max = 1024)
    @JsonPropertyDescription("Why it was approved.")
    private String comment;

    public StepApproval() {
    }

    public StepApproval(String step, String approvedBy, String comment) {
        this.step = step;
        this.approvedBy = approvedBy;
        this.comment = comment;
    }

    public String getStep() { return step; }
    public void setStep(String step) { this.step = step; }
    public String getApprovedBy() { return approvedBy; }
    public void setApprovedBy(String approvedBy) { this.approvedBy = approvedBy; }
    public List<String> getGroups() { return groups; }
    public void setGroups(List<String> groups) { this.groups = groups; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
