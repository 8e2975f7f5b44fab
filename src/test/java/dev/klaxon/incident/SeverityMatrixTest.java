package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.KlaxonConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeverityMatrixTest {

    @Test
    void defaultsAreThoseOfTheGuide() {
        SeverityMatrix matrix = SeverityMatrix.defaults();

        assertThat(matrix.of(Severity.SEV1).response()).isEqualTo(Duration.ofMinutes(5));
        assertThat(matrix.of(Severity.SEV2).update()).isEqualTo(Duration.ofMinutes(30));
        assertThat(matrix.of(Severity.SEV3).escalation()).isEqualTo(Duration.ofMinutes(120));
        assertThat(matrix.of(Severity.SEV5).response()).isEqualTo(Duration.ofMinutes(480));
        assertThat(matrix.of(Severity.SEV2).executiveNotification()).isTrue();
        assertThat(matrix.of(Severity.SEV3).executiveNotification()).isFalse();
    }

    @Test
    void configurationOverridesOnlyWhatItSets() {
        KlaxonConfig.SlaTargets fasterSev1 = new KlaxonConfig.SlaTargets() {
            public Optional<Duration> response() { return Optional.of(Duration.ofMinutes(2)); }
            public Optional<Duration> update() { return Optional.empty(); }
            public Optional<Duration> escalation() { return Optional.empty(); }
        };

        SeverityMatrix matrix = SeverityMatrix.from(Map.of("sev1", fasterSev1));

        assertThat(matrix.of(Severity.SEV1).response()).isEqualTo(Duration.ofMinutes(2));
        assertThat(matrix.of(Severity.SEV1).update()).isEqualTo(Duration.ofMinutes(15));
        assertThat(matrix.of(Severity.SEV2).response()).isEqualTo(Duration.ofMinutes(15));
    }
}
