package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A follow-up from a review, tracked until it is done. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionItem {

    /** How urgent: P0 first. */
    public enum Priority { P0, P1, P2, P3 }

    public enum Status { open, in_progress, completed, deferred;

        /** Still to be done (open or in progress). */
        public boolean isPending() {
            return this == open || this == in_progress;
        }
    }

    public enum Category { process, tooling, monitoring, documentation }

    @Required
    @Size(min = 1, max = 100)
    @Pattern("^AI-[A-Za-z0-9.-]+-[0-9]+$")
    @JsonPropertyDescription("Its id, AI-<incident>-<n> (e.g. AI-api-errors-1).")
    private String id;

    @Required
    @Size(min = 1, max = 200)
    @JsonPropertyDescription("What is to be done.")
    private String title;

    @Size(max = 4096)
    @JsonPropertyDescription("Details.")
    private String description;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Who does it.")
    private String owner;

    @Required
    @JsonPropertyDescription("P0 (most urgent) to P3.")
    private Priority priority;

    @Required
    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When it is due (RFC 3339, e.g. 2026-12-20T17:00:00Z); open or in progress after it: overdue.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String dueDate;

    @Default("open")
    @JsonPropertyDescription("open, in_progress, completed or deferred.")
    private Status status = Status.open;

    @Required
    @JsonPropertyDescription("process, tooling, monitoring or documentation.")
    private Category category;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When it was added (RFC 3339).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String createdAt;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When it was completed (RFC 3339).")
    @Size(max = KlaxonApi.MAX_TIME)
    private String completedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public Priority getPriority() { return priority; }
    public void setPriority(Priority priority) { this.priority = priority; }
    public String getDueDate() { return dueDate; }
    public void setDueDate(String dueDate) { this.dueDate = dueDate; }
    public Status getStatus() { return status; }
    public void setStatus(Status status) { this.status = status; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getCompletedAt() { return completedAt; }
    public void setCompletedAt(String completedAt) { this.completedAt = completedAt; }
}
