package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliQueriesTest {

    private static final List<Duration> RANGES = List.of(Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    void oneQueryAsksForEveryCounterOverEveryRangeTagged() {
        SliQueries queries = new SliQueries(SloAlertingTest.spec(99.9).getSli());

        assertThat(queries.instant(RANGES)).isEqualTo(
                "label_replace(sum(rate(http_requests_total{code=~\"5..\"}[300s])), \"klaxon_sli\", \"bad_300\", \"\", \"\")"
                + " or label_replace(sum(rate(http_requests_total[300s])), \"klaxon_sli\", \"total_300\", \"\", \"\")"
                + " or label_replace(sum(rate(http_requests_total{code=~\"5..\"}[3600s])), \"klaxon_sli\", \"bad_3600\", \"\", \"\")"
                + " or label_replace(sum(rate(http_requests_total[3600s])), \"klaxon_sli\", \"total_3600\", \"\", \"\")");
    }

    @Test
    void answersAreEventsOverTheRangeAndAMissingBadCounterIsNoBadEvents() {
        SliQueries queries = new SliQueries(SloAlertingTest.spec(99.9).getSli());

        Map<Duration, EventCounts> counts = queries.countsOf(List.of(new Sample(Map.of("klaxon_sli", "total_300"), 2.0),
                new Sample(Map.of("klaxon_sli", "bad_3600"), 0.01), new Sample(Map.of("klaxon_sli", "total_3600"), 1.0)), RANGES);

        assertThat(counts.get(Duration.ofMinutes(5))).isEqualTo(new EventCounts(0, 600));
        assertThat(counts.get(Duration.ofHours(1)).bad()).isCloseTo(36, within(1e-9));
        assertThat(counts.get(Duration.ofHours(1)).total()).isCloseTo(3600, within(1e-9));
    }

    @Test
    void goodEventsAreCountedAsTheRestOfTheTotal() {
        ServiceLevelObjectiveSpec.Sli sli = SloAlertingTest.spec(99.9).getSli();
        sli.getRatio().setBad(null);
        sli.getRatio().setGood("sum(rate(ok_total[{{.window}}])) * 2");
        SliQueries queries = new SliQueries(sli);

        assertThat(queries.perStep(HourlyLedger.HOUR)).startsWith("label_replace(sum(sum(rate(ok_total[3600s])) * 2), \"klaxon_sli\", \"good_3600\"");
        Instant hour = Instant.parse("2026-12-05T11:00:00Z");
        Map<Instant, EventCounts> hours = queries.stepsOf(List.of(new PrometheusClient.Series(Map.of("klaxon_sli", "good_3600"), Map.of(hour, 0.9)),
                new PrometheusClient.Series(Map.of("klaxon_sli", "total_3600"), Map.of(hour, 1.0))), HourlyLedger.HOUR);
        assertThat(hours.get(hour).bad()).isCloseTo(360, within(1e-6));
        assertThat(hours.get(hour).total()).isCloseTo(3600, within(1e-9));
    }

    @Test
    void aLatencySliCountsTheBucketAtTheThresholdAgainstTheCount() {
        ServiceLevelObjectiveSpec.Sli sli = new ServiceLevelObjectiveSpec.Sli();
        ServiceLevelObjectiveSpec.Latency latency = new ServiceLevelObjectiveSpec.Latency();
        latency.setHistogram("http_request_duration_seconds{job=\"api\"}");
        latency.setThreshold("1");
        sli.setLatency(latency);

        String query = new SliQueries(sli).instant(List.of(Duration.ofMinutes(5)));

        assertThat(query).contains("sum(rate(http_request_duration_seconds_bucket{job=\"api\",le=~\"1|1[.]0\"}[300s]))")
                .contains("sum(rate(http_request_duration_seconds_count{job=\"api\"}[300s]))");
        assertThat(SliQueries.withSuffix("latency_seconds", "_count", null)).isEqualTo("latency_seconds_count{}");
        assertThat(SliQueries.spellings("0.25")).isEqualTo("0[.]25");
        // Go's client libraries and Prometheus 3 write a million and a hundred-thousandth with exponents.
        assertThat(SliQueries.spellings("1000000")).isEqualTo("1000000|1e[+]06");
        assertThat(SliQueries.spellings("0.00001")).isEqualTo("0[.]00001|1e-05");
        assertThat(SliQueries.spellings("2.5e3")).isEqualTo("2[.]5e3|2500|2500[.]0");
    }
}
