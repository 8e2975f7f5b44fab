package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.IncidentSpec;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The responder site's admission policy names the spec fields it must leave alone; a field added
 * to the model later must be added there too, or the site could change it. This keeps them in step.
 */
class ResponderSitePolicyTest {

    /** What the site records: the three actions of a page link. */
    private static final Set<String> ITS_OWN = Set.of("phase", "acknowledgedRound", "escalateNow");

    @Test
    void everySpecFieldButTheThreeActionsIsHeldUnchanged() throws IOException {
        String template = Files.readString(Path.of("helm/klaxon/templates/responder-site.yaml"));
        Matcher fixed = Pattern.compile("\\$fixed := list ((?:\"\\w+\" ?)+)").matcher(template);
        assertThat(fixed.find()).as("the policy's list of fixed fields").isTrue();
        Set<String> listed = Arrays.stream(fixed.group(1).trim().split(" ")).map(f -> f.replace("\"", "")).collect(Collectors.toSet());

        Set<String> model = Arrays.stream(IncidentSpec.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).filter(name -> !ITS_OWN.contains(name)).collect(Collectors.toSet());

        assertThat(listed).isEqualTo(model);
    }
}
