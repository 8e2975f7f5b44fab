package dev.klaxon.alertmanager;

import dev.klaxon.api.v1alpha1.AlertSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The AlertSources of the watched namespaces, as every replica's receiver sees them: from an
 * informer, not a GET per notification. 1,500 posts to sources that do not exist once cost 1,500
 * API requests; now a path names a source the directory holds, or it is refused for nothing.
 */
final class AlertSourceDirectory implements AutoCloseable {

    /** What quarkus.operator-sdk.namespaces says when every namespace is watched. */
    static final String ALL_NAMESPACES = "JOSDK_ALL_NAMESPACES";

    private final List<SharedIndexInformer<AlertSource>> informers = new ArrayList<>();

    /** @param namespaces the watched namespaces, comma-separated, or {@value #ALL_NAMESPACES} */
    AlertSourceDirectory(KubernetesClient client, String namespaces) {
        var sources = client.resources(AlertSource.class);
        if (namespaces.strip().equals(ALL_NAMESPACES)) {
            informers.add(sources.inAnyNamespace().runnableInformer(0));
        } else {
            Arrays.stream(namespaces.split(",")).map(String::strip).filter(n -> !n.isEmpty()).distinct()
                    .forEach(n -> informers.add(sources.inNamespace(n).runnableInformer(0)));
        }
    }

    void start() {
        informers.forEach(SharedIndexInformer::start);
    }

    /** Whether every informer has listed once: before that, "unknown" could be wrong. */
    boolean isReady() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    Optional<AlertSource> find(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        return informers.stream().map(i -> i.getStore().getByKey(key)).filter(s -> s != null).findFirst();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
