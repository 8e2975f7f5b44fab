package dev.klaxon.correlation;

import dev.klaxon.api.v1alpha1.ClusterServiceDependency;
import dev.klaxon.api.v1alpha1.ServiceDependency;
import dev.klaxon.api.v1alpha1.ServiceDependencySpec;
import dev.klaxon.common.WarmCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The declared dependencies, as their controllers' informers hold them (the API server's, until those are filled). */
@ApplicationScoped
public class DependencyDeclarations {

    private final WarmCache<ServiceDependency> namespaced;
    private final WarmCache<ClusterServiceDependency> clusterWide;

    public DependencyDeclarations(KubernetesClient client, Clock clock) {
        this.namespaced = new WarmCache<>(client, ServiceDependency.class, null, clock);
        this.clusterWide = new WarmCache<>(client, ClusterServiceDependency.class, null, clock);
    }

    WarmCache<ServiceDependency> namespaced() {
        return namespaced;
    }

    WarmCache<ClusterServiceDependency> clusterWide() {
        return clusterWide;
    }

    /** The graph as declared now; each namespace's declarations are read once however often a walk passes through it. */
    DependencyGraph graph() {
        Map<String, List<ServiceDependencySpec>> read = new HashMap<>();
        return new DependencyGraph(ns -> read.computeIfAbsent(ns, n -> namespaced.list(n).stream().map(ServiceDependency::getSpec).toList()),
                clusterWide.list(null).stream().map(ClusterServiceDependency::getSpec).toList());
    }
}
