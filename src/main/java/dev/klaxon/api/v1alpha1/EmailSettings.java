package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Recipients and the SMTP server of an Email channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EmailSettings {

    @Required
    @Size(min = 1, max = 50)
    @JsonPropertyDescription("Recipient addresses.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> to;

    @Required
    @JsonPropertyDescription("Sender address.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String from;

    @Required
    @JsonPropertyDescription("SMTP host.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String host;

    @Default("587")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("SMTP port. Default 587.")
    private Integer port = 587;

    @Default("true")
    @JsonPropertyDescription("Require STARTTLS. Default true.")
    private Boolean startTls = Boolean.TRUE;

    @JsonPropertyDescription("Secret key holding the SMTP user name, when the server needs a login.")
    private SecretKeyRef usernameSecretRef;

    @JsonPropertyDescription("Secret key holding the SMTP password.")
    private SecretKeyRef passwordSecretRef;

    public List<String> getTo() { return to; }
    public void setTo(List<String> to) { this.to = to; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public Boolean getStartTls() { return startTls; }
    public void setStartTls(Boolean startTls) { this.startTls = startTls; }
    public SecretKeyRef getUsernameSecretRef() { return usernameSecretRef; }
    public void setUsernameSecretRef(SecretKeyRef usernameSecretRef) { this.usernameSecretRef = usernameSecretRef; }
    public SecretKeyRef getPasswordSecretRef() { return passwordSecretRef; }
    public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) { this.passwordSecretRef = passwordSecretRef; }
}
