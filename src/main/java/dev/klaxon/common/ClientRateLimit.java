package dev.klaxon.common;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket on the reconcilers' requests, as client-go's QPS and burst: a reconcile waits for
 * its turn, so a burst of work (a GitOps sync of thousands of objects) reaches the API server at a
 * bounded rate. Only reconcile threads wait (the operator SDK names them while they reconcile):
 * never the client's own threads (its single timer thread runs retries and every client's timers),
 * the informers, or the pools that have bounds of their own (rule evaluation, storm writers,
 * deliveries). The Lease has a client of its own.
 */
final class ClientRateLimit implements Interceptor {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();

    ClientRateLimit(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (perSecond <= 0 || !isReconcile(Thread.currentThread()) || isWatch(request)) {
            return;
        }
        long wait = reserve(System.nanoTime());
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Takes a token (going into debt if none is left) and says how long the caller waits for it, in nanoseconds. */
    synchronized long reserve(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }

    /** The operator SDK names a thread ReconcilerExecutor-&lt;controller&gt;-&lt;id&gt; while it reconciles. */
    static boolean isReconcile(Thread thread) {
        return thread.getName().startsWith("ReconcilerExecutor-");
    }

    private static boolean isWatch(HttpRequest request) {
        String query = request.uri().getRawQuery();
        return query != null && query.contains("watch=true");
    }
}
