package dev.klaxon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Conditions and Events tables of docs/operations.md are where people look a reason up: they list exactly
 * the constants of {@link ConditionReason} and {@link EventReason}, no more, no fewer.
 */
class ReasonsDocumentedTest {

    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z]+)`");

    @Test
    void theConditionsTableListsExactlyTheConditionReasons() throws IOException {
        assertThat(reasonsInTable("| Kind | Ready=True reason | Ready=False reasons |"))
                .isEqualTo(names(ConditionReason.values()));
    }

    @Test
    void theEventsTableListsExactlyTheEventReasons() throws IOException {
        assertThat(reasonsInTable("| Kind | Normal | Warning |")).isEqualTo(names(EventReason.values()));
    }

    @Test
    void everyMoveOfARunAndOfAStepHasItsEventReason() {
        for (PlaybookRunStatus.Phase phase : PlaybookRunStatus.Phase.values()) {
            assertThat(EventReason.ofRun(phase).name()).isEqualTo("Run" + phase.name());
        }
        for (StepStatus.Phase phase : StepStatus.Phase.values()) {
            assertThat(EventReason.ofStep(phase).name()).isEqualTo("Step" + phase.name());
        }
    }

    /** The backticked CamelCase words in the rows of the table under {@code header} (the Kind column has none). */
    private static Set<String> reasonsInTable(String header) throws IOException {
        String readme = Files.readString(Path.of("docs/operations.md"));
        int start = readme.indexOf(header);
        assertThat(start).as("the table headed " + header).isNotNegative();
        Set<String> found = new TreeSet<>();
        for (String line : readme.substring(start).lines().skip(2).takeWhile(l -> l.startsWith("|")).toList()) {
            String[] cells = line.split("\\|");
            for (int i = 2; i < cells.length; i++) {
                Matcher code = CODE.matcher(cells[i]);
                while (code.find()) {
                    found.add(code.group(1));
                }
            }
        }
        return found;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(values).forEach(v -> names.add(v.name()));
        return names;
    }
}
