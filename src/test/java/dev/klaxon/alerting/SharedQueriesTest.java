package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedQueriesTest {

    private static final Instant TICK = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void oneQueryPerTickHoweverManyAskForIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SharedQueries shared = new SharedQueries((query, time) -> {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new Sample(Map.of(), 1));
        }, 4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Sample>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> shared.query("up", TICK)));
        }
        release.countDown();
        for (Future<List<Sample>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        pool.shutdown();

        assertThat(calls).hasValue(1);
        shared.query("up", TICK.plusSeconds(10));
        assertThat(calls).as("the next tick asks again").hasValue(2);
    }

    @Test
    void aTicksResultsAreDroppedOnceLaterTicksRun() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SharedQueries shared = new SharedQueries((query, time) -> {
            calls.incrementAndGet();
            return List.of(new Sample(java.util.Map.of(), 1));
        }, 2);

        shared.query("up", TICK);
        shared.query("up", TICK.plusSeconds(1));
        shared.query("up", TICK);
        assertThat(calls).as("a late rule of the first tick still shares its result").hasValue(2);

        shared.query("up", TICK.plusSeconds(10));
        shared.query("up", TICK);
        assertThat(calls).as("kept only around its tick, not for minutes").hasValue(4);
    }

    @Test
    void neverMoreQueriesInFlightThanAllowed() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        SharedQueries shared = new SharedQueries((query, time) -> {
            highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                TimeUnit.MILLISECONDS.sleep(20); // the work a query takes, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return List.of();
        }, 2);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<List<Sample>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String query = "q" + i;
            answers.add(pool.submit(() -> shared.query(query, TICK)));
        }
        for (Future<List<Sample>> answer : answers) {
            answer.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(highest.get()).isEqualTo(2);
    }

    @Test
    void errorsReachEveryAsker() {
        SharedQueries shared = new SharedQueries((query, time) -> {
            throw new PrometheusException(PrometheusException.Kind.QueryFailed, "Prometheus: bad_data: parse error");
        }, 1);

        assertThatThrownBy(() -> shared.query("broken(", TICK)).hasMessageContaining("parse error");
        assertThatThrownBy(() -> shared.query("broken(", TICK)).hasMessageContaining("parse error");
    }

    @Test
    void inATenancyModeANamespaceSharesResultsOnlyWithItself() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueryRunner prometheus = new QueryRunner() {
            @Override
            public List<Sample> query(String promql, Instant time) {
                throw new AssertionError("every query of a rule is a namespace's");
            }

            @Override
            public QueryRunner forNamespace(String namespace) {
                return (promql, time) -> {
                    asked.add(namespace);
                    return List.of(new Sample(Map.of("namespace", namespace), 1));
                };
            }
        };
        SharedQueries shared = new SharedQueries(prometheus, 4);

        List<Sample> first = shared.forNamespace("t1").query("up", TICK);
        List<Sample> again = shared.forNamespace("t1").query("up", TICK);
        List<Sample> other = shared.forNamespace("t2").query("up", TICK);

        assertThat(asked).containsExactly("t1", "t2");
        assertThat(again).isEqualTo(first);
        assertThat(other).singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("namespace", "t2"));
    }
}
