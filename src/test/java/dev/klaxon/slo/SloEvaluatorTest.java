package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator against a Prometheus whose service answers a steady 1 request a second, 0.2 % of them failing. */
class SloEvaluatorTest {

    private static final double REQUESTS = 1.0;
    private static final double ERRORS = 0.002;

    private final List<String> ranges = new ArrayList<>();
    private final List<String> instants = new ArrayList<>();

    private final SloEvaluator.Prometheus steady = new SloEvaluator.Prometheus() {
        @Override
        public List<Sample> query(String namespace, String promql, Instant at) {
            instants.add(promql);
            List<Sample> samples = new ArrayList<>();
            for (String part : promql.split(" or ")) {
                String tag = part.replaceAll(".*\"klaxon_sli\", \"([a-z]+_[0-9]+)\".*", "$1");
                samples.add(new Sample(Map.of("klaxon_sli", tag), tag.startsWith("bad") ? ERRORS : REQUESTS));
            }
            return samples;
        }

        @Override
        public List<PrometheusClient.Series> queryRange(String namespace, String promql, Instant start, Instant end, Duration step) {
            ranges.add((step.equals(DailySli.DAY) ? "days " : "") + start + ".." + end);
            Map<Instant, Double> bad = new LinkedHashMap<>();
            Map<Instant, Double> total = new LinkedHashMap<>();
            for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
                bad.put(t, ERRORS);
                total.put(t, REQUESTS);
            }
            return List.of(new PrometheusClient.Series(Map.of("klaxon_sli", "bad_" + step.toSeconds()), bad),
                    new PrometheusClient.Series(Map.of("klaxon_sli", "total_" + step.toSeconds()), total));
        }
    };

    @Test
    void aSteadyBurnOfTwiceTheBudgetReadsTheSameOverEveryWindowAndCostsOneRangeQueryAnHour() throws Exception {
        ServiceLevelObjectiveSpec spec = SloAlertingTest.spec(99.9);
        SloAlerting alerting = SloAlerting.of(spec);
        SloEvaluator evaluator = new SloEvaluator(steady);
        SloEvaluator.Memory memory = new SloEvaluator.Memory("x", SloEvaluator.longest(spec, alerting), new DailySli());
        Instant at = Instant.parse("2026-12-05T11:17:30Z");

        ErrorBudget budget = evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at).budget();

        for (Duration window : alerting.windows()) {
            assertThat(budget.burnRates().of(window).orElseThrow()).as(window.toString()).isCloseTo(2.0, within(1e-9));
        }
        assertThat(budget.remaining().getAsDouble()).isCloseTo(-1.0, within(1e-9));
        assertThat(budget.sli().getAsDouble()).isCloseTo(0.998, within(1e-12));
        assertThat(ranges).as("the hours of the window; the days wait for the next evaluation")
                .containsExactly("2026-11-05T12:00:00Z..2026-12-05T11:00:00Z");

        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at.plusSeconds(30));
        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, Instant.parse("2026-12-05T12:02:30Z"));
        // The 90 past days (each by its end: 6 September by the 7th), then the next hour once it settled.
        assertThat(ranges).containsExactly("2026-11-05T12:00:00Z..2026-12-05T11:00:00Z",
                "days 2026-09-07T00:00:00Z..2026-12-05T00:00:00Z", "2026-12-05T12:00:00Z..2026-12-05T12:00:00Z");
        // The short windows and the 17m30s since 11:00, in one query; the days come from the hours.
        assertThat(instants.get(0)).contains("[300s]", "[1800s]", "[3600s]", "[7200s]", "[21600s]", "[1050s]").doesNotContain("[86400s]");
    }

    @Test
    void whenTheHoursCannotBeReadTheShortWindowsStillAreAndTheHoursAreTriedAgainLater() throws Exception {
        ServiceLevelObjectiveSpec spec = SloAlertingTest.spec(99.9);
        SloAlerting alerting = SloAlerting.of(spec);
        int[] rangeQueries = {0};
        SloEvaluator evaluator = new SloEvaluator(new SloEvaluator.Prometheus() {
            @Override
            public List<Sample> query(String namespace, String promql, Instant at) throws dev.klaxon.prometheus.PrometheusException {
                return steady.query(namespace, promql, at);
            }

            @Override
            public List<PrometheusClient.Series> queryRange(String namespace, String promql, Instant start, Instant end, Duration step)
                    throws dev.klaxon.prometheus.PrometheusException {
                rangeQueries[0]++;
                throw new dev.klaxon.prometheus.PrometheusException(dev.klaxon.prometheus.PrometheusException.Kind.Unreachable, "timed out");
            }
        });
        SloEvaluator.Memory memory = new SloEvaluator.Memory("x", SloEvaluator.longest(spec, alerting), new DailySli());
        Instant at = Instant.parse("2026-12-05T11:17:30Z");

        SloEvaluator.Evaluation evaluation = evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at);

        assertThat(evaluation.historyFailure()).isPresent();
        assertThat(evaluation.hoursKnown()).isFalse();
        assertThat(evaluation.budget().burnRates().of(Duration.ofHours(1)).orElseThrow()).isCloseTo(2.0, within(1e-9));
        assertThat(evaluation.budget().burnRates().of(Duration.ofDays(1))).isEmpty();
        assertThat(evaluation.budget().remaining()).isEmpty();
        // No hours were read, so the days are tried too (and fail alike).
        assertThat(rangeQueries[0]).as("the hours and the days").isEqualTo(2);
        assertThat(evaluation.daysFailure()).isPresent();
        assertThat(evaluation.dailySliThrough()).isEmpty();
        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at.plus(Duration.ofMinutes(4)));
        assertThat(rangeQueries[0]).as("neither again within 5 minutes").isEqualTo(2);
        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at.plus(Duration.ofMinutes(5)));
        assertThat(rangeQueries[0]).as("both again").isEqualTo(4);
    }

    @Test
    void thePastDaysAreReadOnceEachWhenTheyEndAndAfterARestartOnlyThoseThatEndedMeanwhile() throws Exception {
        ServiceLevelObjectiveSpec spec = SloAlertingTest.spec(99.9);
        SloAlerting alerting = SloAlerting.of(spec);
        SloEvaluator evaluator = new SloEvaluator(steady);
        // As a status written on 3 December has them: through 2 December.
        DailySli known = DailySli.of(List.of(99.9, 99.95), "2026-12-02");
        SloEvaluator.Memory memory = new SloEvaluator.Memory("x", SloEvaluator.longest(spec, alerting), known);

        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, Instant.parse("2026-12-05T00:01:00Z"));
        SloEvaluator.Evaluation first = evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory,
                Instant.parse("2026-12-05T00:01:30Z"));
        // At 00:02:30 the last hour of 4 December settled and is read; its day in the next evaluation.
        evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, Instant.parse("2026-12-05T00:02:30Z"));
        SloEvaluator.Evaluation second = evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory,
                Instant.parse("2026-12-05T00:03:00Z"));

        assertThat(ranges).filteredOn(r -> r.startsWith("days")).as("3 December; 4 December once its samples settled")
                .containsExactly("days 2026-12-04T00:00:00Z..2026-12-04T00:00:00Z", "days 2026-12-05T00:00:00Z..2026-12-05T00:00:00Z");
        assertThat(first.dailySliThrough()).contains(java.time.LocalDate.parse("2026-12-03"));
        assertThat(second.dailySliThrough()).contains(java.time.LocalDate.parse("2026-12-04"));
        assertThat(second.dailySli()).containsExactly(99.8, 99.8, 99.9, 99.95);
    }

    @Test
    void evaluatedHourlyTheDaysAreStillReadBesideTheHourThatEnded() throws Exception {
        ServiceLevelObjectiveSpec spec = SloAlertingTest.spec(99.9);
        SloAlerting alerting = SloAlerting.of(spec);
        SloEvaluator evaluator = new SloEvaluator(steady);
        SloEvaluator.Memory memory = new SloEvaluator.Memory("x", SloEvaluator.longest(spec, alerting), new DailySli());
        Instant at = Instant.parse("2026-12-05T10:02:30Z");

        // Each evaluation finds a new hour to read: the first reads all the window's, the next ones one each.
        for (int hour = 0; hour < 3; hour++) {
            evaluator.evaluate("shop", spec, new SliQueries(spec.getSli()), alerting, memory, at.plus(Duration.ofHours(hour)));
        }

        assertThat(ranges).filteredOn(r -> r.startsWith("days")).as("read after the first hour, in the second evaluation").hasSize(1);
    }

    @Test
    void anotherSliForgetsTheHoursCountedForTheOldOne() {
        SloEvaluator.Memory memory = new SloEvaluator.Memory("a", Duration.ofDays(30), new DailySli());

        assertThat(memory.forQueries("a", Duration.ofDays(30))).isSameAs(memory);
        assertThat(memory.forQueries("b", Duration.ofDays(30))).isNotSameAs(memory);
        assertThat(memory.forQueries("a", Duration.ofDays(31))).isNotSameAs(memory);
    }
}
