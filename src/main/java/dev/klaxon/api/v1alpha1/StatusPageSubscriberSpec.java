package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which page, and where its updates go. Fixed once made: a confirmation is for this address only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.email) != has(self.webhook)", message = "a subscriber has an email or a webhook, exactly one")
@ValidationRule(value = "self == oldSelf", message = "a subscriber cannot be changed: unsubscribe and subscribe again")
public class StatusPageSubscriberSpec {

    @Required
    @Size(min = 1, max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("The StatusPage of this namespace whose incidents are told.")
    private String page;

    @Size(min = 3, max = 254)
    @Pattern(EMAIL)
    @JsonPropertyDescription("The address told, by the page's spec.subscriptions.emailChannel.")
    private String email;

    @Size(min = 1, max = 2048)
    @Pattern("^https?://[^\\s]+$")
    @JsonPropertyDescription("The URL told with a JSON POST per update (if the page's spec.subscriptions.webhooks allows it).")
    private String webhook;

    /** One address, no display name, no spaces or angle brackets: nothing that could add a recipient or a header. */
    public static final String EMAIL = "^[^@\\s<>,;\"()]+@[^@\\s<>,;\"()]+\\.[^@\\s<>,;\"()]+$";

    public String getPage() { return page; }
    public void setPage(String page) { this.page = page; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getWebhook() { return webhook; }
    public void setWebhook(String webhook) { this.webhook = webhook; }
}
