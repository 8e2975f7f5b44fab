package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailySliTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aNewObjectiveReadsTheNinetyDaysBeforeTodayAndNothingMoreUntilTodayEnds() {
        DailySli days = new DailySli();

        DailySli.Span span = days.missing(NOW).orElseThrow();
        assertThat(span).isEqualTo(new DailySli.Span(LocalDate.parse("2026-09-06"), LocalDate.parse("2026-12-04")));
        days.record(span, Map.of());

        assertThat(days.missing(NOW)).isEmpty();
        assertThat(days.missing(Instant.parse("2026-12-06T00:01:59Z"))).as("not before its last samples settled").isEmpty();
        assertThat(days.missing(Instant.parse("2026-12-06T00:02:00Z"))).contains(new DailySli.Span(LocalDate.parse("2026-12-05"),
                LocalDate.parse("2026-12-05")));
    }

    @Test
    void daysBeforeTheFirstWithEventsAreLeftOutAndAQuietDayLaterCountsAsAllGood() {
        DailySli days = new DailySli();
        DailySli.Span span = days.missing(NOW).orElseThrow();
        Map<Instant, EventCounts> events = new HashMap<>();
        // Events from 1 December on (Prometheus keeps no more); none on 3 December.
        events.put(Instant.parse("2026-12-02T00:00:00Z"), new EventCounts(1, 1000));
        events.put(Instant.parse("2026-12-03T00:00:00Z"), new EventCounts(0, 1000));
        events.put(Instant.parse("2026-12-05T00:00:00Z"), new EventCounts(25, 1000));

        days.record(span, events);

        assertThat(days.shown()).containsExactly(97.5, 100.0, 100.0, 99.9);
        assertThat(days.through()).contains(LocalDate.parse("2026-12-04"));
    }

    @Test
    void daysReadAfterALongPauseReplaceTheOlderOnesAndNoMoreThanNinetyAreKept() {
        DailySli days = DailySli.of(List.of(99.0, 98.0), "2026-06-01");

        DailySli.Span span = days.missing(NOW).orElseThrow();
        assertThat(span.first()).isEqualTo(LocalDate.parse("2026-09-06"));
        days.record(span, Map.of(Instant.parse("2026-12-05T00:00:00Z"), new EventCounts(0, 10), Instant.parse("2026-09-07T00:00:00Z"),
                new EventCounts(0, 10)));

        assertThat(days.shown()).hasSize(90).doesNotContain(99.0, 98.0);
    }

    @Test
    void afterARestartTheStatusDaysAreTakenOnlyIfTheSameQueriesCountedThem() {
        ServiceLevelObjectiveStatus status = new ServiceLevelObjectiveStatus();
        status.setDailySli(List.of(99.9, 99.95));
        status.setDailySliThrough("2026-12-04");
        status.setDailySliQueries(DailySli.digest(new SliQueries(SloAlertingTest.spec(99.9).getSli())));
        ServiceLevelObjectiveSpec.Sli another = SloAlertingTest.spec(99.9).getSli();
        another.getRatio().setTotal("http_requests_total{job=\"other\"}");

        assertThat(DailySli.fromStatus(status, DailySli.digest(new SliQueries(SloAlertingTest.spec(99.9).getSli()))).shown())
                .containsExactly(99.9, 99.95);
        assertThat(DailySli.fromStatus(status, DailySli.digest(new SliQueries(another))).shown()).as("an SLI changed meanwhile").isEmpty();
        assertThat(DailySli.fromStatus(null, "x").shown()).isEmpty();
    }

    @Test
    void aStatusWithoutADayOrWithANonsenseOneStartsAfresh() {
        assertThat(DailySli.of(List.of(99.0), null).through()).isEmpty();
        assertThat(DailySli.of(List.of(99.0), "yesterday").through()).isEmpty();
        assertThat(DailySli.of(List.of(99.0), "2026-12-04").missing(NOW)).isEmpty();
    }
}
