package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What a customer-facing channel announces, and how it signs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomerNotices {

    @Default("SEV2")
    @JsonPropertyDescription("Incidents of this severity or worse are announced. Default SEV2.")
    private Severity minSeverity = Severity.SEV2;

    @JsonPropertyDescription("Company name the notices are signed with.")
    @Size(max = KlaxonApi.MAX_NAME)
    private String companyName;

    @JsonPropertyDescription("Where customers can follow the status.")
    @Size(max = KlaxonApi.MAX_URL)
    private String statusPageUrl;

    public Severity getMinSeverity() { return minSeverity; }
    public void setMinSeverity(Severity minSeverity) { this.minSeverity = minSeverity; }
    public String getCompanyName() { return companyName; }
    public void setCompanyName(String companyName) { this.companyName = companyName; }
    public String getStatusPageUrl() { return statusPageUrl; }
    public void setStatusPageUrl(String statusPageUrl) { this.statusPageUrl = statusPageUrl; }
}
