package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(self.type in ['Slack', 'Teams', 'Webhook']) || has(self.urlSecretRef)",
        message = "Slack, Teams and Webhook channels need urlSecretRef", fieldPath = ".urlSecretRef", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.interactive) || !self.interactive || self.type == 'Slack'", message = "interactive is for Slack channels",
        fieldPath = ".interactive", reason = "FieldValueInvalid")
@ValidationRule(value = "self.type != 'PagerDuty' || has(self.routingKeySecretRef)",
        message = "a PagerDuty channel needs routingKeySecretRef (the integration's routing key)", fieldPath = ".routingKeySecretRef",
        reason = "FieldValueRequired")
@ValidationRule(value = "self.type != 'Email' || has(self.email)", message = "an Email channel needs email", fieldPath = ".email",
        reason = "FieldValueRequired")
public class NotificationChannelSpec {

    public enum Type { Slack, Teams, PagerDuty, Webhook, Email }

    public enum Audience { Internal, Customers }

    @Required
    @JsonPropertyDescription("Slack (incoming webhook), Teams (webhook), PagerDuty (Events API v2), Webhook (JSON, optionally signed) or Email (SMTP).")
    private Type type;

    @JsonPropertyDescription("Secret key holding the webhook URL (Slack, Teams, Webhook). Secrets are read from the operator's namespace.")
    private SecretKeyRef urlSecretRef;

    @JsonPropertyDescription("Secret key holding the PagerDuty routing (integration) key.")
    private SecretKeyRef routingKeySecretRef;

    @JsonPropertyDescription("PagerDuty Events API URL. Default https://events.pagerduty.com/v2/enqueue.")
    @Size(max = KlaxonApi.MAX_URL)
    private String url;

    @JsonPropertyDescription("Webhook: Secret key holding an HMAC key; each request then carries X-Klaxon-Timestamp (Unix seconds) and X-Klaxon-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">; refuse old timestamps to stop replays.")
    private SecretKeyRef signingSecretRef;

    @JsonPropertyDescription("Slack: pages carry Acknowledge, Escalate now and Resolve buttons, pressed as the Slack member an on-call schedule's contacts name. "
            + "Needs the responder site with the Slack app's signing secret, and the app's Interactivity Request URL set to <responder site>/slack/actions.")
    private Boolean interactive;

    @JsonPropertyDescription("Email: recipients and SMTP server.")
    private EmailSettings email;

    @Default("30")
    @Min(1)
    @Max(6000)
    @JsonPropertyDescription("At most this many messages a minute through this channel; the rest wait their turn. Default 30.")
    private Integer ratePerMinute = 30;

    @JsonPropertyDescription("Qute templates replacing the built-in message text for this channel.")
    private MessageTemplate template;

    @Default("Internal")
    @JsonPropertyDescription("Internal (default): pages from escalation policies, acknowledged, resolved. Customers: the customer notices (incident started, update, resolved), sent for each public update of an incident of this namespace at or above customers.minSeverity; never internal pages.")
    private Audience audience = Audience.Internal;

    @JsonPropertyDescription("For a Customers channel: which incidents, and the signature of the notices.")
    private CustomerNotices customers;

    public Audience getAudience() { return audience; }
    public void setAudience(Audience audience) { this.audience = audience; }
    public CustomerNotices getCustomers() { return customers; }
    public void setCustomers(CustomerNotices customers) { this.customers = customers; }
    public Type getType() { return type; }
    public void setType(Type type) { this.type = type; }
    public SecretKeyRef getUrlSecretRef() { return urlSecretRef; }
    public void setUrlSecretRef(SecretKeyRef urlSecretRef) { this.urlSecretRef = urlSecretRef; }
    public SecretKeyRef getRoutingKeySecretRef() { return routingKeySecretRef; }
    public void setRoutingKeySecretRef(SecretKeyRef routingKeySecretRef) { this.routingKeySecretRef = routingKeySecretRef; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public SecretKeyRef getSigningSecretRef() { return signingSecretRef; }
    public Boolean getInteractive() { return interactive; }
    public void setInteractive(Boolean interactive) { this.interactive = interactive; }
    public void setSigningSecretRef(SecretKeyRef signingSecretRef) { this.signingSecretRef = signingSecretRef; }
    public EmailSettings getEmail() { return email; }
    public void setEmail(EmailSettings email) { this.email = email; }
    public Integer getRatePerMinute() { return ratePerMinute; }
    public void setRatePerMinute(Integer ratePerMinute) { this.ratePerMinute = ratePerMinute; }
    public MessageTemplate getTemplate() { return template; }
    public void setTemplate(MessageTemplate template) { this.template = template; }
}
