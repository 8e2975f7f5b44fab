package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Who may approve a playbook's gated steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Approvers {

    @JsonPropertyDescription("User names (as the API server authenticates them) allowed to approve.")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_NAME) String> users;

    public List<String> getUsers() { return users; }
    public void setUsers(List<String> users) { this.users = users; }
}
