package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A controller's informer cache read by another concern, which must not act on it before it is
 * filled: after a restart, an empty cache would read as "no maintenance window", "no open
 * incident" and page people it should not. Until the controller has reconciled once (its
 * informer is synced by then) or a minute has passed since the cache was first asked (on a
 * stand-by, the controllers start only when it leads), the API server's watch cache is asked instead.
 */
public final class WarmCache<R extends HasMetadata> {

    /** How long one list from the API server answers, before the cache is warm. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private record Listed<R>(Instant at, List<R> items) {
    }

    /** Namespace ("" for all) -> the API server's last answer, while the cache is not warm yet. */
    private final java.util.Map<String, Listed<R>> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long after it is first asked the cache is trusted even if its controller never reconciled (there was nothing to). */
    static final Duration WARM_UP = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final Class<R> type;
    private final String labelSelector;
    private final Clock clock;
    private volatile IndexedResourceCache<R> cache;
    private volatile Instant firstAskedAt;
    private volatile boolean seen;

    /** @param labelSelector what the informer holds (null: everything) */
    public WarmCache(KubernetesClient client, Class<R> type, String labelSelector, Clock clock) {
        this.client = client;
        this.type = type;
        this.labelSelector = labelSelector;
        this.clock = clock;
    }

    /** Called once by the controller, from prepareEventSources. */
    public void bind(IndexedResourceCache<R> primaryCache) {
        this.cache = primaryCache;
    }

    /** The controller reconciled: its informer is filled. */
    public void seen() {
        seen = true;
    }

    /** The bound cache, once it can be trusted. */
    public boolean warm() {
        if (cache == null) {
            return false;
        }
        Instant now = clock.instant();
        if (firstAskedAt == null) {
            firstAskedAt = now;
        }
        return seen || firstAskedAt.plus(WARM_UP).isBefore(now);
    }

    /** The cache itself, for an index look-up once {@link #warm()}; null before it is bound. */
    public IndexedResourceCache<R> cache() {
        return cache;
    }

    /**
     * The objects of a namespace (null: of every namespace, or cluster-scoped ones). Before the
     * cache is warm, one list from the API server answers for {@link #FRESH}: a rule's evaluation
     * asks for each of its alerts, and a storm after a restart must not become a storm of lists.
     */
    public List<R> list(String namespace) {
        IndexedResourceCache<R> bound = cache;
        if (warm()) {
            recent.clear();
            return (namespace == null ? bound.list() : NamespaceCache.list(bound, namespace)).toList();
        }
        Instant now = clock.instant();
        return recent.compute(namespace == null ? "" : namespace, (k, known) -> known != null && known.at().plus(FRESH).isAfter(now) ? known
                : new Listed<>(now, fromApiServer(namespace, bound))).items();
    }

    private List<R> fromApiServer(String namespace, IndexedResourceCache<R> bound) {
        try {
            var options = new ListOptionsBuilder().withResourceVersion("0").withLabelSelector(labelSelector).build();
            if (namespace != null) {
                return client.resources(type).inNamespace(namespace).list(options).getItems();
            }
            return Namespaced.class.isAssignableFrom(type) ? client.resources(type).inAnyNamespace().list(options).getItems()
                    : client.resources(type).list(options).getItems();
        } catch (KubernetesClientException e) {
            return bound == null ? List.of() : (namespace == null ? bound.list() : NamespaceCache.list(bound, namespace)).toList();
        }
    }

    /** One object of a namespace (null: a cluster-scoped one), if it exists. */
    public Optional<R> get(String namespace, String name) {
        if (warm()) {
            return cache.get(new ResourceID(name, namespace));
        }
        return list(namespace).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    /** Every object the cache holds (empty before it is bound): for forgetting what was known of deleted ones. */
    public Stream<R> cached() {
        IndexedResourceCache<R> bound = cache;
        return bound == null ? Stream.empty() : bound.list();
    }
}
