package dev.klaxon.alertsource;

import dev.klaxon.alerting.IncidentWriter;
import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorKey;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents of an AlertSource on the API server: found by its label, counted as the source's
 * only when the operator's signature holds (a look-alike cannot hold an alert's place and silence
 * it), created under names that follow a sequence per key, so two replicas (or a retry) that
 * decide the same opening meet on one name and the second adopts the first's incident.
 */
final class AlertSourceIncidents {

    /** Names tried in sequence before giving up on a key (someone took them). */
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final OperatorKey key;
    private final IncidentWriter writer;

    AlertSourceIncidents(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.writer = new IncidentWriter(client, key);
    }

    /** The source's incidents that are not final (OpenWork) and carry the operator's signature. */
    List<Incident> of(AlertSource source) {
        return signed(source, KlaxonApi.NOT_FINAL);
    }

    /**
     * From the API server's watch cache (resourceVersion 0), not etcd: a notification costs the control plane little.
     * A stale answer cannot duplicate: names follow the sequence, and a taken one is adopted only if it is this key's and open.
     */
    private List<Incident> signed(AlertSource source, String selector) {
        return client.resources(Incident.class).inNamespace(source.getMetadata().getNamespace())
                .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion("0")
                        .withLabelSelector(KlaxonApi.LABEL_ALERT_SOURCE + "=" + source.getMetadata().getName() + "," + selector).build())
                .getItems().stream().filter(this::isSigned).toList();
    }

    /** Opens the incident of {@code opening}; returns its name (an existing open one of the key is adopted). */
    String open(AlertSource source, AlertmanagerIngest.Opening opening, List<Incident> known) {
        String namespace = source.getMetadata().getNamespace();
        List<Incident> previous = known.stream().filter(i -> opening.key().equals(AlertmanagerIngest.keyOf(i))).toList();
        if (previous.stream().noneMatch(AlertmanagerIngest::isOpen)) {
            // Final incidents are not in `known`: the key's history, for the next name in the sequence, once per opening.
            previous = signed(source, KlaxonApi.LABEL_FINGERPRINT + "=" + opening.key());
            // `known` may have been read before another notification opened the key's incident: that one is it.
            Optional<Incident> open = previous.stream().filter(AlertmanagerIngest::isOpen).findFirst();
            if (open.isPresent()) {
                return open.get().getMetadata().getName();
            }
        }
        int sequence = previous.stream().mapToInt(i -> sequenceOf(i.getMetadata().getName())).max().orElse(0);
        String last = previous.stream().max(Comparator.comparing((Incident i) -> i.getMetadata().getCreationTimestamp()))
                .map(i -> i.getMetadata().getName()).orElse(null);
        for (int attempt = 0; attempt <= ATTEMPTS; attempt++) {
            String base = KubernetesNames.fit(source.getMetadata().getName() + "-" + opening.key().toLowerCase(java.util.Locale.ROOT), 220)
                    + "-" + (++sequence);
            // After names in sequence were taken by others: one only the operator can work out, so nobody can take it first.
            String name = attempt < ATTEMPTS ? base : base + "-" + key.sign("alertsource-incident-name\n" + namespace + "\n"
                    + source.getMetadata().getName() + "\n" + opening.key() + "\n" + sequence).substring(0, 12);
            Incident incident = new Incident();
            incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .addToLabels(KlaxonApi.LABEL_ALERT_SOURCE, source.getMetadata().getName())
                    .addToLabels(KlaxonApi.LABEL_FINGERPRINT, opening.key())
                    .addToLabels(KlaxonApi.LABEL_SEVERITY, opening.spec().getSeverity().name())
                    .addToAnnotations(KlaxonApi.ANNOTATION_PROOF, key.sign(proofText(namespace, name, source.getMetadata().getName(),
                            opening.key())))
                    .build());
            if (last != null) {
                incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PREVIOUS_INCIDENT, last);
            }
            incident.setSpec(opening.spec());
            // The other replica (or our own earlier attempt) may have opened it: adopt it if it is this key's, signed and open.
            if (writer.createOrAdopt(incident, existing -> isSigned(existing) && opening.key().equals(AlertmanagerIngest.keyOf(existing))
                    && AlertmanagerIngest.isOpen(existing))) {
                return name;
            }
        }
        throw new KubernetesClientException("no free incident name for key " + opening.key() + " of AlertSource "
                + source.getMetadata().getName());
    }

    /** Resolves the open incident, saying why (a documented lifecycle move, on its timeline). */
    boolean resolve(String namespace, String name, String reason) {
        return writer.resolve(namespace, name, reason);
    }

    private boolean isSigned(Incident incident) {
        var metadata = incident.getMetadata();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        String proof = metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(KlaxonApi.ANNOTATION_PROOF);
        String source = labels.get(KlaxonApi.LABEL_ALERT_SOURCE);
        String fingerprint = labels.get(KlaxonApi.LABEL_FINGERPRINT);
        return proof != null && source != null && fingerprint != null
                && key.verify(proofText(metadata.getNamespace(), metadata.getName(), source, fingerprint), proof);
    }

    /** What the operator signs: not the same text as a rule's incident's, so neither passes for the other. */
    static String proofText(String namespace, String name, String source, String key) {
        return "alertsource-incident\n" + namespace + "\n" + name + "\n" + source + "\n" + key;
    }

    /** The n of {@code <source>-<key>-<n>}, also when a suffix follows it (an unguessable name); 0 when there is none. */
    static int sequenceOf(String name) {
        String[] parts = name.split("-");
        for (int i = parts.length - 1; i >= Math.max(0, parts.length - 2); i--) {
            if (parts[i].matches("[0-9]{1,9}")) {
                return Integer.parseInt(parts[i]);
            }
        }
        return 0;
    }
}
