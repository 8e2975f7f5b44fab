package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One public update of a published incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublicUpdate {

    @JsonPropertyDescription("A stable id of the update.")
    private String id;

    @JsonPropertyDescription("The incident's public status as of this update.")
    private PublicIncidentStatus status;

    @JsonPropertyDescription("The text customers see.")
    private String message;

    @JsonPropertyDescription("Who posted it ('StatusBot' for the ones the page writes itself).")
    private String author;

    @JsonPropertyDescription("When it was posted (RFC 3339).")
    private String time;

    @JsonPropertyDescription("When the page first showed it (RFC 3339, the operator's clock): subscribers are told what the page showed since they "
            + "were last told, whatever time its author gave it.")
    private String shownAt;

    public PublicUpdate() {
    }

    public PublicUpdate(String id, PublicIncidentStatus status, String message, String author, String time) {
        this.id = id;
        this.status = status;
        this.message = message;
        this.author = author;
        this.time = time;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public PublicIncidentStatus getStatus() { return status; }
    public void setStatus(PublicIncidentStatus status) { this.status = status; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getShownAt() { return shownAt; }
    public void setShownAt(String shownAt) { this.shownAt = shownAt; }

    /** This update, first shown at {@code shownAt}. */
    public PublicUpdate shownAt(String shownAt) {
        this.shownAt = shownAt;
        return this;
    }
}
