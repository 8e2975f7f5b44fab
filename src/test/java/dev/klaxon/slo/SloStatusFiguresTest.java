package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloStatusFiguresTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final SloAlerting WORKBOOK = SloAlerting.of(SloAlertingTest.spec(99.9));
    private static final Duration EVERY = Duration.ofMinutes(5);

    private static ErrorBudget budget(double hourErrorRatio) {
        Map<Duration, EventCounts> counts = new LinkedHashMap<>();
        for (Duration window : WORKBOOK.windows()) {
            counts.put(window, new EventCounts(hourErrorRatio * 10_000, 10_000));
        }
        counts.put(Duration.ofDays(30), new EventCounts(250, 1_000_000));
        return ErrorBudget.of(counts, 99.9, Duration.ofDays(30), Duration.ofHours(1), NOW);
    }

    @Test
    void theFiguresAreRoundedAndWrittenWhenTheyChangeAtMostEveryFewMinutes() {
        ServiceLevelObjectiveStatus status = new ServiceLevelObjectiveStatus();

        assertThat(SloStatusFigures.apply(status, budget(0.0144), WORKBOOK, NOW, false, EVERY)).isTrue();
        assertThat(status.getSli()).isEqualTo(99.975);
        assertThat(status.getBudgetRemaining()).isEqualTo(75.0);
        assertThat(status.getBurnRates()).extracting(ServiceLevelObjectiveStatus.WindowBurnRate::getWindow)
                .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
        assertThat(status.getBurnRates().get(2).getBurnRate()).isEqualTo(14.4);
        assertThat(status.getBudgetExhaustedAt()).isEqualTo("2026-12-07T01:30:00Z");

        assertThat(SloStatusFigures.apply(status, budget(0.0150), WORKBOOK, NOW.plusSeconds(30), false, EVERY))
                .as("a changed burn rate 30 s later waits").isFalse();
        assertThat(SloStatusFigures.apply(status, budget(0.0150), WORKBOOK, NOW.plusSeconds(30), true, EVERY))
                .as("unless the state changed").isTrue();
        assertThat(SloStatusFigures.apply(status, budget(0.0150), WORKBOOK, NOW.plus(Duration.ofMinutes(10)), false, EVERY))
                .as("the same figures are not written again").isFalse();
        assertThat(SloStatusFigures.apply(status, budget(0.0144), WORKBOOK, NOW.plus(Duration.ofMinutes(10)), false, EVERY)).isTrue();
    }

    @Test
    void theMessageSaysWhatBurnsHowMuchIsSpentAndWhenTheRestIsGone() {
        BurnRateAlert page = WORKBOOK.alerts().get(0);

        assertThat(SloStatusFigures.firing(page, budget(0.0144), "30d", NOW)).isEqualTo("page: the error budget burns 14.4x over 1h and 14.4x "
                + "over 5m (at least 14.4x); 25% of the 30d budget is spent; at this rate the rest is gone in 1d 13h (by 2026-12-07T01:30:00Z)");
    }
}
