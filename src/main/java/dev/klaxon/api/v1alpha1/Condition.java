package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A Kubernetes-style condition (the shape of metav1.Condition), with descriptions so that
 * {@code kubectl explain} documents it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    /** The condition type every Klaxon kind reports: the object was observed and is usable. */
    public static final String READY = "Ready";

    public enum Status { True, False, Unknown }

    @Required
    @JsonPropertyDescription("Type of the condition in CamelCase, e.g. Ready.")
    private String type;

    @Required
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    private Status status;

    @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
    @JsonPropertyDescription("Machine-readable CamelCase reason for the condition's last transition, e.g. PlaybookNotFound.")
    private String reason;

    @JsonPropertyDescription("Human-readable details about the condition.")
    private String message;

    @JsonPropertyDescription("Last time the condition's status changed (RFC 3339). Unchanged when only reason or message change.")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation the condition was computed from.")
    private Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, Status status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public Status getStatus() { return status; }
    public void setStatus(Status status) { this.status = status; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getLastTransitionTime() { return lastTransitionTime; }
    public void setLastTransitionTime(String lastTransitionTime) { this.lastTransitionTime = lastTransitionTime; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
