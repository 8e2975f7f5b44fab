package dev.klaxon.correlation;

import dev.klaxon.api.v1alpha1.ClusterServiceDependencySpec;
import dev.klaxon.api.v1alpha1.ServiceDependencySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The services a service depends on, directly or through others, nearest first: a namespace's
 * own declarations link its services to services of the same namespace; a cluster-wide
 * declaration links the services of the namespaces it names to services of any namespace.
 * Cycles end where they close; the walk stops after {@link #MAX_SERVICES} services.
 */
final class DependencyGraph {

    /** A service of a namespace. */
    record Node(String namespace, String service) {
    }

    /** How many services one walk visits at most (declarations are tenants' input). */
    static final int MAX_SERVICES = 200;

    private final Function<String, ? extends Collection<ServiceDependencySpec>> namespaced;
    private final Collection<ClusterServiceDependencySpec> clusterWide;

    /** @param namespaced a namespace's own declarations */
    DependencyGraph(Function<String, ? extends Collection<ServiceDependencySpec>> namespaced, Collection<ClusterServiceDependencySpec> clusterWide) {
        this.namespaced = namespaced;
        this.clusterWide = clusterWide;
    }

    /** What the services of one namespace depend on, nearest first, without themselves. */
    List<Node> dependenciesOf(String namespace, Collection<String> services) {
        Set<Node> seen = new LinkedHashSet<>();
        Deque<Node> next = new ArrayDeque<>();
        services.forEach(s -> {
            Node start = new Node(namespace, s);
            seen.add(start);
            next.add(start);
        });
        List<Node> found = new ArrayList<>();
        while (!next.isEmpty() && seen.size() < MAX_SERVICES) {
            for (Node dependency : direct(next.poll())) {
                if (seen.size() < MAX_SERVICES && seen.add(dependency)) {
                    found.add(dependency);
                    next.add(dependency);
                }
            }
        }
        return found;
    }

    private List<Node> direct(Node node) {
        List<Node> direct = new ArrayList<>();
        for (ServiceDependencySpec spec : namespaced.apply(node.namespace())) {
            if (spec.getServices() != null && spec.getServices().contains(node.service()) && spec.getDependsOn() != null) {
                spec.getDependsOn().forEach(d -> direct.add(new Node(node.namespace(), d)));
            }
        }
        for (ClusterServiceDependencySpec spec : clusterWide) {
            boolean namespaceNamed = spec.getNamespaces() == null || spec.getNamespaces().isEmpty() || spec.getNamespaces().contains(node.namespace());
            boolean serviceNamed = spec.getServices() == null || spec.getServices().isEmpty() || spec.getServices().contains(node.service());
            if (namespaceNamed && serviceNamed && spec.getDependsOn() != null) {
                spec.getDependsOn().forEach(d -> direct.add(new Node(d.getNamespace(), d.getService())));
            }
        }
        return direct;
    }
}
