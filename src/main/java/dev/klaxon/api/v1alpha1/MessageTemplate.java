package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** A channel's own wording (Qute templates; docs/paging.md lists the data they get). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MessageTemplate {

    @Size(max = 1024)
    @JsonPropertyDescription("Title or email subject, e.g. [{incident.severity}] {incident.title}.")
    private String title;

    @Size(max = 16384)
    @JsonPropertyDescription("Message body.")
    private String body;

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
}
