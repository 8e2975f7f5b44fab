package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * hack/images.sh builds the images without an engine; src/main/docker has Dockerfiles for people
 * with one. They must describe the same images, and the chart must run them as they are built.
 */
class ImageDefinitionsTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @Test
    void theOperatorDockerfileRunsTheJvmAsTheScriptDoes() throws IOException {
        String script = Files.readString(PROJECT.resolve("hack/images.sh"));
        String dockerfile = Files.readString(PROJECT.resolve("src/main/docker/Dockerfile.jvm"));

        String scriptEntrypoint = group(script, "JAVA_ENTRYPOINT='(.*)'");
        String dockerEntrypoint = group(dockerfile.replace("\\\n", ""), "ENTRYPOINT \\[(.*)]");
        assertThat(normalized(dockerEntrypoint)).isEqualTo(normalized(scriptEntrypoint));
        assertThat(group(dockerfile, "USER (\\d+):")).isEqualTo(group(script, "APP_UID=(\\d+)"));
        assertThat(dockerfile).contains("openjdk-17-jre-headless", "ca-certificates");
        assertThat(group(dockerfile, "ENV (MALLOC_ARENA_MAX=\\d+)")).isEqualTo(group(script, "JAVA_ENV='\"(.*)\"'"));
        assertThat(dockerfile).as("the archive the entrypoint names is dumped by the image's JVM")
                .contains("-XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true");
        assertThat(script).contains("base_layer() { debian_layer base ca-certificates,openjdk-17-jre-headless; }");
    }

    @Test
    void theChartRunsTheOperatorAsTheUserTheImageIsBuiltFor() throws IOException {
        String deployment = Files.readString(PROJECT.resolve("helm/klaxon/templates/deployment.yaml"));
        String script = Files.readString(PROJECT.resolve("hack/images.sh"));

        assertThat(group(deployment, "runAsUser: (\\d+)")).isEqualTo(group(script, "APP_UID=(\\d+)"));
    }

    @Test
    void theStepDockerfileMatchesTheStepImage() throws IOException {
        String script = Files.readString(PROJECT.resolve("hack/images.sh"));
        String dockerfile = Files.readString(PROJECT.resolve("src/main/docker/Dockerfile.step"));

        assertThat(dockerfile).contains("ENTRYPOINT [\"/usr/bin/kubectl\"]", "USER 65532:65532", group(script, "STEP_IMAGE=\"([^\"]+)\""));
        assertThat(script).contains("\"User\":\"65532:65532\"", "\"Entrypoint\":[\"/usr/bin/kubectl\"]");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private static String normalized(String jsonArrayBody) {
        return jsonArrayBody.replaceAll("\\s+", "");
    }
}
