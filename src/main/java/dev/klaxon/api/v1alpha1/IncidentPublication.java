package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * An incident published on a status page, on purpose: its own public title and impact (the
 * internal title, description and root cause never appear there). Its public updates are the
 * incident's updates marked {@code public: true}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentPublication {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("The StatusPage (in the incident's namespace) this incident is published on.")
    private String page;

    @Required
    @Size(min = 1, max = 200)
    @JsonPropertyDescription("The title customers see, e.g. 'Elevated API error rates'.")
    private String title;

    @Required
    @Size(min = 1, max = 500)
    @JsonPropertyDescription("The impact customers see, e.g. 'Elevated error rates on the Chat Completions API'; the first public update says 'We are investigating reports of <impact>.'")
    private String impact;

    @Default("investigating")
    @JsonPropertyDescription("Where the incident stands publicly: investigating, identified, monitoring or resolved. It reads resolved once the incident is resolved, whatever this says.")
    private PublicIncidentStatus status = PublicIncidentStatus.investigating;

    @Default("public")
    @JsonPropertyDescription("Who sees it: public (everyone), customers_only (only with the page's customer token) or internal (listed nowhere yet).")
    private Visibility visibility = Visibility.everyone;

    public String getPage() { return page; }
    public void setPage(String page) { this.page = page; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getImpact() { return impact; }
    public void setImpact(String impact) { this.impact = impact; }
    public PublicIncidentStatus getStatus() { return status; }
    public void setStatus(PublicIncidentStatus status) { this.status = status; }
    public Visibility getVisibility() { return visibility; }
    public void setVisibility(Visibility visibility) { this.visibility = visibility; }
}
