package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTemplateTest {

    @Test
    void rendersLabelsAndValue() {
        assertThat(AlertTemplate.render("High error rate on {{ $labels.service }}: {{$value}}", Map.of("service", "checkout"), 0.25))
                .isEqualTo("High error rate on checkout: 0.25");
        assertThat(AlertTemplate.render("{{ $labels.missing }}!", Map.of(), 1)).isEqualTo("!");
        assertThat(AlertTemplate.render("{{ $value }}", Map.of(), 3)).isEqualTo("3");
    }

    @Test
    void humanizes() {
        assertThat(AlertTemplate.render("{{ $value | humanizePercentage }}", Map.of(), 0.0834)).isEqualTo("8.34%");
        assertThat(AlertTemplate.render("{{ $value | humanizePercentage }}", Map.of(), 0.5)).isEqualTo("50%");
        assertThat(AlertTemplate.render("{{ $value | humanize }}", Map.of(), 1234567)).isEqualTo("1.235M");
        assertThat(AlertTemplate.render("{{ $value | humanize }}", Map.of(), 12)).isEqualTo("12");
    }

    @Test
    void leavesWhatItDoesNotKnowAndNeverInterpretsLabelValues() {
        assertThat(AlertTemplate.render("{{ .Labels.x }} {{ $labels.a }}", Map.of("a", "{{ $value }} $1 \\"), 7))
                .isEqualTo("{{ .Labels.x }} {{ $value }} $1 \\");
        assertThat(AlertTemplate.render(null, Map.of(), 1)).isNull();
    }
}
