package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KlaxonDurationsTest {

    @Test
    void parsesPrometheusStyleDurations() {
        assertThat(KlaxonDurations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(KlaxonDurations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(KlaxonDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(KlaxonDurations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(KlaxonDurations.parse("2d")).isEqualTo(Duration.ofHours(48));
        assertThat(KlaxonDurations.parse("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(KlaxonDurations.parse("0s")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5 m", "1.5m", "5min", "-5m", "5m10"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> KlaxonDurations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsShortDurations() {
        assertThat(KlaxonDurations.format(Duration.ofMillis(12))).isEqualTo("12ms");
        assertThat(KlaxonDurations.format(Duration.ofSeconds(3))).isEqualTo("3s");
        assertThat(KlaxonDurations.format(Duration.ofMillis(1500))).isEqualTo("1.500s");
        assertThat(KlaxonDurations.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(KlaxonDurations.format(Duration.ofMinutes(480))).isEqualTo("8h");
        assertThat(KlaxonDurations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
