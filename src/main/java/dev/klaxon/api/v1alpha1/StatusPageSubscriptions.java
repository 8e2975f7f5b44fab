package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Who may subscribe to a page's incidents from its site, and how they are told. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.emailChannel) || (has(self.webhooks) && self.webhooks)", message = "subscriptions need an emailChannel, webhooks: true, or both")
public class StatusPageSubscriptions {

    @Required
    @Size(min = 1, max = 2048)
    @Pattern("^https?://[^\\s]+$")
    @JsonPropertyDescription("The status site's public URL, e.g. https://status.example.com: the confirmation and unsubscribe links point there.")
    private String url;

    @Size(min = 1, max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("An Email NotificationChannel of this namespace whose SMTP server, credentials and sender mail subscribers "
            + "(its recipients are not used). Without it, nobody subscribes by email.")
    private String emailChannel;

    @JsonPropertyDescription("Whether webhook URLs may subscribe (each gets a JSON POST per update; the operator's deniedNetworks apply). Default false.")
    private Boolean webhooks = false;

    @Min(1)
    @Max(50000)
    @JsonPropertyDescription("At most this many subscribers, pending or confirmed; requests past it are refused. Default 1000.")
    private Integer maxSubscribers = 1000;

    @Min(1)
    @Max(6000)
    @JsonPropertyDescription("At most this many messages a minute to subscribers of each kind (email, webhook); the rest wait their turn. Default 120.")
    private Integer ratePerMinute = 120;

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getEmailChannel() { return emailChannel; }
    public void setEmailChannel(String emailChannel) { this.emailChannel = emailChannel; }
    public Boolean getWebhooks() { return webhooks; }
    public void setWebhooks(Boolean webhooks) { this.webhooks = webhooks; }
    public Integer getMaxSubscribers() { return maxSubscribers; }
    public void setMaxSubscribers(Integer maxSubscribers) { this.maxSubscribers = maxSubscribers; }
    public Integer getRatePerMinute() { return ratePerMinute; }
    public void setRatePerMinute(Integer ratePerMinute) { this.ratePerMinute = ratePerMinute; }
}
