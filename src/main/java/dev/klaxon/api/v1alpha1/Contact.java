package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** How to reach one person of a schedule, and who they are in the chat tools that answer pages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Contact {

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("The person, as the schedule's layers and the escalation policies name them (e.g. alice@example.com).")
    private String user;

    @Pattern("^[UW][A-Z0-9]{2,20}$")
    @Size(max = 22)
    @JsonPropertyDescription("Their Slack member ID (U…): a press of a page's Slack button by this member acts as this person.")
    private String slackUserId;

    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getSlackUserId() { return slackUserId; }
    public void setSlackUserId(String slackUserId) { this.slackUserId = slackUserId; }
}
