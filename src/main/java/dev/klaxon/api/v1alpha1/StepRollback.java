package dev.klaxon.api.v1alpha1;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What runs when a step fails. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Without its own command or args a rollback would run the image's entrypoint: often the step itself again.
@ValidationRule(value = "has(self.command) || has(self.args)", message = "a rollback needs its own command or args")
public class StepRollback {

    @JsonPropertyDescription("Container image of the rollback. Default: the step's image.")
    @Size(max = KlaxonApi.MAX_ITEM)
    private String image;

    @JsonPropertyDescription("Entrypoint (exec form, no shell).")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_TEXT) String> command;

    @JsonPropertyDescription("Arguments (exec form).")
    @Size(max = KlaxonApi.MAX_LIST)
    private List<@Size(max = KlaxonApi.MAX_TEXT) String> args;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public List<String> getCommand() { return command; }
    public void setCommand(List<String> command) { this.command = command; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
}
