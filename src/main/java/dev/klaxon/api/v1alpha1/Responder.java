package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A person working on an incident, in one role. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Responder {

    public enum Role { incident_commander, technical_lead, communications_lead, scribe, subject_matter_expert, responder }

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("User name of the responder.")
    private String name;

    @Required
    @JsonPropertyDescription("Role: incident_commander, technical_lead, communications_lead, scribe, subject_matter_expert or responder.")
    private Role role;

    public Responder() {
    }

    public Responder(String name, Role role) {
        this.name = name;
        this.role = role;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
}
