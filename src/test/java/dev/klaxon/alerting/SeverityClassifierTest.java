package dev.klaxon.alerting;

import static dev.klaxon.api.v1alpha1.Severity.SEV1;
import static dev.klaxon.api.v1alpha1.Severity.SEV2;
import static dev.klaxon.api.v1alpha1.Severity.SEV3;
import static dev.klaxon.api.v1alpha1.Severity.SEV4;
import static dev.klaxon.api.v1alpha1.Severity.SEV5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Severity;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SeverityClassifierTest {

    private static Severity classify(Double errorRate, Double impact, Double latency, boolean core, boolean security) {
        return SeverityClassifier.classify(new SeverityClassifier.Inputs(opt(errorRate), opt(impact), opt(latency), core, security));
    }

    private static OptionalDouble opt(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Test
    void theTableFirstMatchWins() {
        assertThat(classify(0.001, null, null, false, true)).isEqualTo(SEV1);
        assertThat(classify(0.0, 0.0, 1.0, false, true)).as("security without impact").isEqualTo(SEV5);
        assertThat(classify(0.95, null, null, false, false)).isEqualTo(SEV1);
        assertThat(classify(null, 95.0, null, false, false)).isEqualTo(SEV1);
        assertThat(classify(0.50, null, null, false, false)).isEqualTo(SEV2);
        assertThat(classify(null, 50.0, null, false, false)).isEqualTo(SEV2);
        assertThat(classify(0.25, null, null, true, false)).isEqualTo(SEV2);
        assertThat(classify(0.25, null, null, false, false)).isEqualTo(SEV3);
        assertThat(classify(0.10, null, null, false, false)).isEqualTo(SEV3);
        assertThat(classify(null, 10.0, null, false, false)).isEqualTo(SEV3);
        assertThat(classify(null, null, 5.0, false, false)).isEqualTo(SEV3);
        assertThat(classify(0.01, null, null, false, false)).isEqualTo(SEV4);
        assertThat(classify(null, 1.0, null, false, false)).isEqualTo(SEV4);
        assertThat(classify(null, null, 2.0, false, false)).isEqualTo(SEV4);
        assertThat(classify(0.009, 0.5, 1.9, true, false)).isEqualTo(SEV5);
        assertThat(classify(null, null, null, false, false)).isEqualTo(SEV5);
    }

    @Test
    void lowerNumbersAreWorse() {
        assertThat(SeverityClassifier.isWorse(SEV1, SEV2)).isTrue();
        assertThat(SeverityClassifier.isWorse(SEV3, SEV2)).isFalse();
        assertThat(SeverityClassifier.isWorse(SEV2, SEV2)).isFalse();
    }
}
