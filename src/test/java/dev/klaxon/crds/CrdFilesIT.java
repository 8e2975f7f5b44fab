package dev.klaxon.crds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.CrdFiles;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs are exactly what the build generates from the Java model. Runs after
 * `mvn package` (the Quarkus build writes target/kubernetes). With -Dklaxon.updateCrds=true it
 * rewrites the committed files instead (hack/update-crds.sh).
 */
class CrdFilesIT {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    private static final Path BUILD_OUTPUT = PROJECT.resolve("target/kubernetes");
    private static final List<Path> COMMITTED = List.of(PROJECT.resolve("crds"), PROJECT.resolve("helm/klaxon/crds"));

    @Test
    void committedCrdsMatchWhatTheBuildGenerates() throws IOException {
        boolean update = Boolean.getBoolean("klaxon.updateCrds");
        for (Class<? extends CustomResource<?, ?>> kind : CrdFiles.KINDS) {
            String expected = CrdFiles.expected(kind, BUILD_OUTPUT);
            for (Path dir : COMMITTED) {
                Path file = dir.resolve(CrdFiles.fileName(kind));
                if (update) {
                    Files.createDirectories(dir);
                    Files.writeString(file, expected);
                }
                assertThat(file).as(file + " is missing or stale: run hack/update-crds.sh and commit the result").exists();
                assertThat(Files.readString(file)).as(file + " differs from the build: run hack/update-crds.sh and commit the result")
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void noOtherCrdsAreCommitted() {
        List<String> expected = CrdFiles.KINDS.stream().map(CrdFiles::fileName).sorted().toList();
        for (Path dir : COMMITTED) {
            assertThat(CrdFiles.committedFiles(dir)).extracting(p -> p.getFileName().toString()).as(dir.toString())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void printerColumnsFollowTheModelsDeclarationOrder() {
        String incidents = CrdFiles.expected(dev.klaxon.api.v1alpha1.Incident.class, BUILD_OUTPUT);

        assertThat(incidents.indexOf("name: \"Severity\"")).isLessThan(incidents.indexOf("name: \"Phase\""));
        assertThat(incidents.indexOf("name: \"Phase\"")).isLessThan(incidents.indexOf("name: \"Title\""));
        assertThat(incidents.indexOf("name: \"Title\"")).isLessThan(incidents.indexOf("name: \"Commander\""));
        assertThat(incidents.indexOf("name: \"Commander\"")).isLessThan(incidents.indexOf("name: \"Age\""));
    }
}
