package dev.klaxon.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ClusterServiceDependencySpec;
import dev.klaxon.api.v1alpha1.ServiceDependencySpec;
import dev.klaxon.api.v1alpha1.ServiceReference;
import dev.klaxon.correlation.DependencyGraph.Node;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static ServiceDependencySpec dependency(List<String> services, List<String> dependsOn) {
        ServiceDependencySpec spec = new ServiceDependencySpec();
        spec.setServices(services);
        spec.setDependsOn(dependsOn);
        return spec;
    }

    private static ClusterServiceDependencySpec shared(List<String> namespaces, List<String> services, ServiceReference... dependsOn) {
        ClusterServiceDependencySpec spec = new ClusterServiceDependencySpec();
        spec.setNamespaces(namespaces);
        spec.setServices(services);
        spec.setDependsOn(List.of(dependsOn));
        return spec;
    }

    private static DependencyGraph graph(Map<String, List<ServiceDependencySpec>> namespaced, List<ClusterServiceDependencySpec> clusterWide) {
        return new DependencyGraph(ns -> namespaced.getOrDefault(ns, List.of()), clusterWide);
    }

    @Test
    void dependenciesAreFollowedNearestFirst() {
        DependencyGraph graph = graph(Map.of("shop", List.of(dependency(List.of("storefront"), List.of("checkout")),
                dependency(List.of("checkout", "payments-api"), List.of("payments-db")), dependency(List.of("payments-db"), List.of("storage")))), List.of());

        assertThat(graph.dependenciesOf("shop", List.of("storefront"))).containsExactly(new Node("shop", "checkout"),
                new Node("shop", "payments-db"), new Node("shop", "storage"));
        assertThat(graph.dependenciesOf("shop", List.of("storage"))).isEmpty();
    }

    @Test
    void aNamespacesDeclarationsLinkOnlyItsOwnServices() {
        DependencyGraph graph = graph(Map.of("shop", List.of(dependency(List.of("checkout"), List.of("payments-db")))), List.of());

        assertThat(graph.dependenciesOf("billing", List.of("checkout"))).as("billing's checkout is not shop's").isEmpty();
        assertThat(graph.dependenciesOf("shop", List.of("checkout"))).containsExactly(new Node("shop", "payments-db"));
    }

    @Test
    void aClusterWideDependencyLinksTheServicesOfTheNamespacesItNamesToAnotherNamespace() {
        DependencyGraph graph = graph(Map.of("databases", List.of(dependency(List.of("postgres"), List.of("storage")))),
                List.of(shared(List.of("shop"), null, new ServiceReference("databases", "postgres")),
                        shared(null, List.of("web"), new ServiceReference("network", "dns"))));

        assertThat(graph.dependenciesOf("shop", List.of("checkout"))).as("every service of shop, then what postgres depends on in its namespace")
                .containsExactly(new Node("databases", "postgres"), new Node("databases", "storage"));
        assertThat(graph.dependenciesOf("billing", List.of("checkout"))).as("billing is not named").isEmpty();
        assertThat(graph.dependenciesOf("billing", List.of("web"))).as("web of every namespace").containsExactly(new Node("network", "dns"));
    }

    @Test
    void cyclesEndWhereTheyCloseAndAWalkIsBounded() {
        DependencyGraph cycle = graph(Map.of("shop", List.of(dependency(List.of("a"), List.of("b")), dependency(List.of("b"), List.of("a")))), List.of());
        assertThat(cycle.dependenciesOf("shop", List.of("a"))).containsExactly(new Node("shop", "b"));

        // A chain longer than the bound: s0 -> s1 -> ... -> s499.
        List<ServiceDependencySpec> chain = IntStream.range(0, 499).mapToObj(i -> dependency(List.of("s" + i), List.of("s" + (i + 1)))).toList();
        assertThat(graph(Map.of("shop", chain), List.of()).dependenciesOf("shop", List.of("s0"))).hasSize(DependencyGraph.MAX_SERVICES - 1);
    }
}
