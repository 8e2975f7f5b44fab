package dev.klaxon.crds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs read the same in YAML 1.1 (helm's and kubectl's reader), where an unquoted
 * key such as {@code on} or {@code no} is a boolean: a property named so would vanish from the
 * schema helm installs (a CEL rule naming it then fails to compile).
 */
class CrdYamlTest {

    private static final Pattern BOOLEAN_KEY = Pattern.compile("^\\s*-?\\s*(y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|false):");

    @Test
    void noPropertyIsNamedLikeAYaml11Boolean() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path dir : List.of(Path.of("crds"), Path.of("helm/klaxon/crds"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (BOOLEAN_KEY.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
