package dev.klaxon.common;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket on the operator's requests, as client-go's QPS and burst: a reconcile thread
 * waits for its turn, so a burst of work (a GitOps sync of thousands of objects, a storm) reaches
 * the API server at a bounded rate. Watches and the event loop's own requests (informer
 * re-lists) never wait: they keep the caches current. The Lease has a client of its own.
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
        if (perSecond <= 0 || io.vertx.core.Context.isOnEventLoopThread() || isWatch(request)) {
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

    private static boolean isWatch(HttpRequest request) {
        String query = request.uri().getRawQuery();
        return query != null && query.contains("watch=true");
    }
}
