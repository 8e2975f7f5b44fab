package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one kind in the watched namespaces, as every replica's receivers see them (the
 * AlertSources an Alertmanager posts to, the Heartbeats a check-in names): from an informer, not
 * a GET per request. 1,500 posts to sources that do not exist once cost 1,500 API requests; now
 * a path names an object the directory holds, or it is refused for nothing.
 */
public final class WatchedObjects<T extends HasMetadata> implements AutoCloseable {

    /** What quarkus.operator-sdk.namespaces says when every namespace is watched. */
    public static final String ALL_NAMESPACES = "JOSDK_ALL_NAMESPACES";

    private final List<SharedIndexInformer<T>> informers = new ArrayList<>();

    /** @param namespaces the watched namespaces, comma-separated, or {@value #ALL_NAMESPACES} */
    public WatchedObjects(KubernetesClient client, Class<T> kind, String namespaces) {
        this(client, kind, namespaces, null, 0);
    }

    /** Only the objects {@code labelSelector} selects, delivered again every {@code resyncMillis} (0: never). */
    public WatchedObjects(KubernetesClient client, Class<T> kind, String namespaces, String labelSelector, long resyncMillis) {
        var objects = client.resources(kind);
        if (namespaces.strip().equals(ALL_NAMESPACES)) {
            informers.add(objects.inAnyNamespace().withLabelSelector(labelSelector).runnableInformer(resyncMillis));
        } else {
            Arrays.stream(namespaces.split(",")).map(String::strip).filter(n -> !n.isEmpty()).distinct()
                    .forEach(n -> informers.add(objects.inNamespace(n).withLabelSelector(labelSelector).runnableInformer(resyncMillis)));
        }
    }

    /** Calls {@code handler} for every object added or updated (and at each resync), once started. */
    public void onAddOrUpdate(java.util.function.Consumer<T> handler) {
        informers.forEach(i -> i.addEventHandler(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                handler.accept(object);
            }

            @Override
            public void onUpdate(T before, T object) {
                handler.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                // nothing to do for an object that is gone
            }
        }));
    }

    public void start() {
        informers.forEach(SharedIndexInformer::start);
    }

    /** Whether every informer has listed once: before that, "unknown" could be wrong. */
    public boolean isReady() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    public Optional<T> find(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        return informers.stream().map(i -> i.getStore().getByKey(key)).filter(s -> s != null).findFirst();
    }

    /** Every object of {@code namespace} (from the informer's namespace index). */
    public List<T> inNamespace(String namespace) {
        List<T> found = new ArrayList<>();
        informers.forEach(i -> found.addAll(i.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)));
        return found;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
