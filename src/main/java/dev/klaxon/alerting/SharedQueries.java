package dev.klaxon.alerting;

import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs each distinct (query, evaluation time) once, however many rules or conditions ask for
 * it, and keeps at most a fixed number of queries in flight: rules on the same interval are
 * evaluated at the same aligned instant, so they share results.
 */
public final class SharedQueries implements QueryRunner {

    /**
     * How long a result stays after a newer evaluation instant asks for a query: long enough for
     * the late rules of a tick (evaluation lag is well under a second), short enough that a storm's
     * answers do not pile up in the heap. A rule later still simply asks Prometheus again.
     */
    private static final Duration KEEP = Duration.ofSeconds(5);

    /** @param tenant the namespace whose view of Prometheus answered, or "" where every namespace sees the same */
    private record Key(String tenant, String query, Instant time) {
    }

    private final QueryRunner prometheus;
    private final Semaphore inFlight;
    private final ConcurrentHashMap<Key, CompletableFuture<List<Sample>>> results = new ConcurrentHashMap<>();

    public SharedQueries(QueryRunner prometheus, int maxConcurrentQueries) {
        this.prometheus = prometheus;
        this.inFlight = new Semaphore(maxConcurrentQueries, true);
    }

    @Override
    public List<Sample> query(String promql, Instant time) throws PrometheusException {
        return shared(new Key("", promql, time), prometheus);
    }

    /** In a tenancy mode a namespace's results are shared only within that namespace: another sees other series. */
    @Override
    public QueryRunner forNamespace(String namespace) {
        QueryRunner tenant = prometheus.forNamespace(namespace);
        if (tenant == prometheus) {
            return this;
        }
        return new QueryRunner() {
            @Override
            public List<Sample> query(String promql, Instant time) throws PrometheusException {
                return shared(new Key(namespace, promql, time), tenant);
            }

            @Override
            public QueryRunner forNamespace(String other) {
                return SharedQueries.this.forNamespace(other);
            }
        };
    }

    private List<Sample> shared(Key key, QueryRunner runner) throws PrometheusException {
        Instant time = key.time();
        CompletableFuture<List<Sample>> mine = new CompletableFuture<>();
        CompletableFuture<List<Sample>> shared = results.putIfAbsent(key, mine);
        if (shared == null) {
            forgetOlderThan(time.minus(KEEP));
            run(key, runner, mine);
            shared = mine;
        }
        try {
            // Bounded: the runner has its own timeout, this only guards against a lost completion.
            return shared.get(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PrometheusException(PrometheusException.Kind.Unreachable, "a shared query did not complete", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException(PrometheusException.Kind.Unreachable, "interrupted", e);
        } catch (ExecutionException e) {
            throw (PrometheusException) e.getCause();
        }
    }

    private void run(Key key, QueryRunner runner, CompletableFuture<List<Sample>> result) {
        try {
            inFlight.acquire();
            try {
                result.complete(runner.query(key.query(), key.time()));
            } finally {
                inFlight.release();
            }
        } catch (PrometheusException e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new PrometheusException(PrometheusException.Kind.Unreachable, "interrupted", e));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(new PrometheusException(PrometheusException.Kind.QueryFailed, String.valueOf(e.getMessage()), e));
        }
    }

    private void forgetOlderThan(Instant cutoff) {
        results.keySet().removeIf(k -> k.time().isBefore(cutoff));
    }
}
