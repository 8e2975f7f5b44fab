package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One namespace's objects from an informer cache. With the operator watching a list of
 * namespaces, the SDK runs one informer per namespace, and an item store given to the
 * configuration (our {@link LeanItemStore}) is shared by all of them: a cache's list for one
 * namespace then holds every watched namespace's objects. Reading through here keeps one
 * tenant's playbooks, channels, runs and windows out of another's work. (Look-ups by name and
 * namespace are keyed by both and need no help.)
 */
public final class NamespaceCache {

    private NamespaceCache() {
    }

    public static <R extends HasMetadata> Stream<R> list(IndexedResourceCache<R> cache, String namespace, Predicate<R> predicate) {
        return cache.list(namespace, predicate).filter(r -> namespace.equals(r.getMetadata().getNamespace()));
    }

    public static <R extends HasMetadata> Stream<R> list(IndexedResourceCache<R> cache, String namespace) {
        return list(cache, namespace, r -> true);
    }
}
