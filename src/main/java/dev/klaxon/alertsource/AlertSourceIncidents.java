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

    /** The source's incidents that carry the operator's signature. */
    List<Incident> of(AlertSource source) {
        String namespace = source.getMetadata().getNamespace();
        return client.resources(Incident.class).inNamespace(namespace)
                .withLabel(KlaxonApi.LABEL_ALERT_SOURCE, source.getMetadata().getName()).list().getItems().stream()
                .filter(this::isSigned).toList();
    }

    /** Opens the incident of {@code opening}; returns its name (an existing open one of the key is adopted). */
    String open(AlertSource source, AlertmanagerIngest.Opening opening, List<Incident> known) {
        String namespace = source.getMetadata().getNamespace();
        List<Incident> previous = known.stream().filter(i -> opening.key().equals(AlertmanagerIngest.keyOf(i))).toList();
        int sequence = previous.stream().mapToInt(i -> sequenceOf(i.getMetadata().getName())).max().orElse(0);
        String last = previous.stream().max(Comparator.comparing((Incident i) -> i.getMetadata().getCreationTimestamp()))
                .map(i -> i.getMetadata().getName()).orElse(null);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String name = KubernetesNames.fit(source.getMetadata().getName() + "-" + opening.key().toLowerCase(java.util.Locale.ROOT), 240)
                    + "-" + (++sequence);
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

    /** The trailing n of {@code <source>-<key>-<n>}; 0 when there is none. */
    static int sequenceOf(String name) {
        int dash = name.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(name.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
