package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.KlaxonStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/** Waiting for the operator, by observing the API server (never by sleeping). */
public final class Await {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Await() {
    }

    /** Waits until the object's Ready condition has the given status and reflects its current generation. */
    public static <T extends CustomResource<?, ? extends KlaxonStatus>> Condition ready(
            KubernetesClient client, Class<T> kind, String namespace, String name, Condition.Status expected) {
        return Awaitility.await(kind.getSimpleName() + " " + name + " Ready=" + expected)
                .atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> readyCondition(client.resources(kind).inNamespace(namespace).withName(name).get()),
                        c -> c.isPresent() && c.get().getStatus() == expected)
                .orElseThrow();
    }

    public static Optional<Condition> readyCondition(CustomResource<?, ? extends KlaxonStatus> resource) {
        if (resource == null || resource.getStatus() == null || resource.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        if (!resource.getMetadata().getGeneration().equals(resource.getStatus().getObservedGeneration())) {
            return Optional.empty();
        }
        return resource.getStatus().getConditions().stream().filter(c -> Condition.READY.equals(c.getType())).findFirst();
    }
}
