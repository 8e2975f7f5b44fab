package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.WarmCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * The open incidents, as the incident controller's informer holds them, for the concerns that
 * attach alerts to one (a dependency's incident, a correlated one). Cost follows open work: the
 * informer holds no final incident.
 */
@ApplicationScoped
public class OpenIncidents {

    private static final Comparator<Incident> OLDEST_FIRST = Comparator
            .comparing((Incident i) -> i.getMetadata().getCreationTimestamp() == null ? "" : i.getMetadata().getCreationTimestamp())
            .thenComparing(i -> i.getMetadata().getName());

    private final WarmCache<Incident> incidents;

    public OpenIncidents(KubernetesClient client, Clock clock) {
        this.incidents = new WarmCache<>(client, Incident.class, KlaxonApi.NOT_FINAL, clock);
    }

    void bind(IndexedResourceCache<Incident> cache) {
        incidents.bind(cache);
    }

    void seen() {
        incidents.seen();
    }

    /** The namespace's open incidents (a phase before Resolved), oldest first. */
    public List<Incident> in(String namespace) {
        return incidents.list(namespace).stream().filter(IncidentOpener::isOpen).sorted(OLDEST_FIRST).toList();
    }

    /** Whether the incident exists and is open (an incident that cannot be read is not: its alerts page on their own). */
    public boolean isOpen(String namespace, String name) {
        return incidents.get(namespace, name).filter(IncidentOpener::isOpen).isPresent();
    }
}
