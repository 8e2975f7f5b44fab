package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.approvals) || (has(self.approvals) && oldSelf.approvals.all(a, a in self.approvals))",
        message = "spec.approvals is append-only: an existing approval cannot be changed or removed", fieldPath = ".approvals",
        reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.incidentRef) == has(oldSelf.incidentRef) && (!has(self.incidentRef) || self.incidentRef == oldSelf.incidentRef)",
        message = "spec.incidentRef is immutable", fieldPath = ".incidentRef", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.requestedBy) == has(oldSelf.requestedBy) && (!has(self.requestedBy) || self.requestedBy == oldSelf.requestedBy)",
        message = "spec.requestedBy is immutable", fieldPath = ".requestedBy", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.parameters) == has(oldSelf.parameters) && (!has(self.parameters) || self.parameters == oldSelf.parameters)",
        message = "spec.parameters is immutable: approvals are given for the parameters a run was created with",
        fieldPath = ".parameters", reason = "FieldValueForbidden")
@ValidationRule(value = "!oldSelf.cancel || self.cancel", message = "a cancelled run cannot be un-cancelled", fieldPath = ".cancel",
        reason = "FieldValueForbidden")
public class PlaybookRunSpec {

    @Required
    @Pattern(KlaxonApi.NAME_PATTERN)
    @ValidationRule(value = "self == oldSelf", message = "spec.playbookRef is immutable", reason = "FieldValueForbidden")
    @JsonPropertyDescription("Name of the Playbook in this namespace to run. Immutable.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String playbookRef;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of the Incident in this namespace the run is for. Immutable.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String incidentRef;

    @Size(max = 50)
    @ValidationRule(value = "self.all(k, k.matches('^[A-Za-z_][A-Za-z0-9_]*$') && size(k) <= 100)",
            message = "parameter names must be letters, digits and '_' (they become KLAXON_PARAM_<NAME> environment variables)")
    @ValidationRule(value = "self.all(k, self.filter(j, j.upperAscii() == k.upperAscii()).size() == 1)",
            message = "parameter names must differ in more than case (both would be the same KLAXON_PARAM_<NAME>)")
    @JsonPropertyDescription("Parameters, passed to every step as KLAXON_PARAM_<NAME> environment variables (NAME upper-cased). Never substituted into commands. Immutable.")
    private Map<String, @Size(max = KlaxonApi.MAX_TEXT) String> parameters = new LinkedHashMap<>();

    @JsonPropertyDescription("Who asked for the run: the authenticated user (enforced by the chart's admission policy). Immutable.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String requestedBy;

    @Size(max = 100)
    @JsonPropertyDescription("Approvals of steps that require one. Append-only; each approvedBy must be the authenticated user who adds it.")
    private List<StepApproval> approvals = new ArrayList<>();

    @Default("false")
    @JsonPropertyDescription("Set to true to stop the run: the current Job is deleted and the run ends Cancelled. Cannot be undone.")
    private Boolean cancel = Boolean.FALSE;

    public String getPlaybookRef() { return playbookRef; }
    public void setPlaybookRef(String playbookRef) { this.playbookRef = playbookRef; }
    public String getIncidentRef() { return incidentRef; }
    public void setIncidentRef(String incidentRef) { this.incidentRef = incidentRef; }
    public Map<String, String> getParameters() { return parameters; }
    public void setParameters(Map<String, String> parameters) { this.parameters = parameters; }
    public String getRequestedBy() { return requestedBy; }
    public void setRequestedBy(String requestedBy) { this.requestedBy = requestedBy; }
    public List<StepApproval> getApprovals() { return approvals; }
    public void setApprovals(List<StepApproval> approvals) { this.approvals = approvals; }
    public Boolean getCancel() { return cancel; }
    public void setCancel(Boolean cancel) { this.cancel = cancel; }
}
