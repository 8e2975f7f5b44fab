package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A status update posted by a responder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentUpdate {

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("The update text.")
    private String message;

    @JsonPropertyDescription("Who posted the update.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String author;

    @Pattern(KlaxonApi.RFC3339_PATTERN)
    @JsonPropertyDescription("When the update was posted (RFC 3339, e.g. 2026-12-02T06:00:00Z); the operator uses the time it first saw the update when empty.")
    @Size(max = KlaxonApi.MAX_TIME)
    private String time;

    @JsonProperty("public")
    @Default("false")
    @JsonPropertyDescription("Whether the update may be shown publicly (status page, customer notices). Default false.")
    private Boolean _public = Boolean.FALSE;

    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public Boolean getPublic() { return _public; }
    public void setPublic(Boolean value) { this._public = value; }
}
