package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One thing customers know by name (an API, the dashboard), and the services whose incidents affect it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatusComponent {

    @Required
    @Size(min = 1, max = 63)
    @Pattern(KlaxonApi.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("A stable id, e.g. 'chat-completions' (lower-case letters, digits and '-').")
    private String id;

    @Required
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("The name customers see, e.g. 'Chat Completions'.")
    private String name;

    @Size(max = 500)
    @JsonPropertyDescription("A line about what it is, e.g. 'Chat completion endpoints'.")
    private String description;

    @Size(max = 100)
    @JsonPropertyDescription("The group it is shown in, e.g. 'Core Services'; groups appear in the order of their first component.")
    private String group;

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Display order (ascending; ties keep the list's order).")
    private Integer order;

    @Size(max = 50)
    @ValidationRule(value = "self.all(s, size(s) >= 1 && size(s) <= 253)", message = "service names have 1 to 253 characters")
    @JsonPropertyDescription("The incident impact.affectedServices names that affect this component; by default its id.")
    private List<@Size(max = KlaxonApi.MAX_NAME) String> services;

    @Pattern(KlaxonApi.NAME_PATTERN)
    @Size(max = KlaxonApi.MAX_NAME)
    @JsonPropertyDescription("A ServiceLevelObjective in this namespace whose SLI the component's 90-day bars show, day by day (the share of "
            + "good events), instead of the time incidents took it down.")
    private String sloRef;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public Integer getOrder() { return order; }
    public void setOrder(Integer order) { this.order = order; }
    public String getSloRef() { return sloRef; }
    public void setSloRef(String sloRef) { this.sloRef = sloRef; }
    public List<String> getServices() { return services; }
    public void setServices(List<String> services) { this.services = services; }
}
