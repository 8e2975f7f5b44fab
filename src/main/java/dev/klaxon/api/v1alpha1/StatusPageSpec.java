package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.overrides) || self.overrides.all(o, self.components.exists(c, c.id == o.component))",
        message = "every overrides[].component must be the id of one of spec.components", fieldPath = ".overrides")
public class StatusPageSpec {

    @Required
    @Size(min = 1, max = 200)
    @JsonPropertyDescription("The page's title, e.g. 'Acme Status'.")
    private String title;

    @Required
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("The components the page shows, in display order within their group.")
    @ValidationRule(value = "self.all(c, self.exists_one(d, d.id == c.id))", message = "component ids must be unique")
    private List<StatusComponent> components = new ArrayList<>();

    @Size(max = 100)
    @JsonPropertyDescription("Component statuses set by hand, which win over what published incidents say (e.g. during a partial outage nobody has opened an incident for yet).")
    @ValidationRule(value = "self.all(o, self.exists_one(p, p.component == o.component))", message = "one override per component")
    private List<ComponentOverride> overrides;

    @JsonPropertyDescription("Let visitors of the status site subscribe to its incidents by email or webhook (confirmed by a link, with an "
            + "unsubscribe link in every message). Without it, the site offers feeds only.")
    private StatusPageSubscriptions subscriptions;

    public StatusPageSubscriptions getSubscriptions() { return subscriptions; }
    public void setSubscriptions(StatusPageSubscriptions subscriptions) { this.subscriptions = subscriptions; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public List<StatusComponent> getComponents() { return components; }
    public void setComponents(List<StatusComponent> components) { this.components = components; }
    public List<ComponentOverride> getOverrides() { return overrides; }
    public void setOverrides(List<ComponentOverride> overrides) { this.overrides = overrides; }
}
