package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A window as customers see it: scheduled maintenance on a status page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenancePublication {

    @Required
    @Pattern(KlaxonApi.NAME_PATTERN)
    @JsonPropertyDescription("The StatusPage (this namespace).")
    @Size(max = KlaxonApi.MAX_NAME)
    private String page;

    @Size(max = 256)
    @JsonPropertyDescription("The public title; without one the page says \"Scheduled maintenance\" (the comment is internal and never published).")
    private String title;

    @Required
    @Size(min = 1, max = 50)
    @JsonPropertyDescription("The page's component ids under maintenance while the window is active.")
    private List<@Size(max = 63) String> components = new ArrayList<>();

    public String getPage() { return page; }
    public void setPage(String page) { this.page = page; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public List<String> getComponents() { return components; }
    public void setComponents(List<String> components) { this.components = components; }
}
