package dev.klaxon.alertmanager;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.IncidentMoves;
import dev.klaxon.incident.IncidentOpener;
import dev.klaxon.incident.IncidentProof;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Locale;

/**
 * The incidents of an AlertSource on the API server: found by its label, counted as the source's
 * only when the operator's signature holds (a look-alike cannot hold an alert's place and silence
 * it). Opening them is {@link IncidentOpener}'s (names in a sequence per key, create-or-adopt).
 */
final class AlertSourceIncidents {

    private final KubernetesClient client;
    private final OperatorKey key;
    private final IncidentOpener opener;
    private final IncidentMoves moves;

    AlertSourceIncidents(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.opener = new IncidentOpener(client, key);
        this.moves = new IncidentMoves(client);
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
        List<Incident> previous = known.stream().filter(i -> opening.key().equals(AlertmanagerIngest.keyOf(i))).toList();
        if (previous.stream().noneMatch(IncidentOpener::isOpen)) {
            // Final incidents are not in `known`: the key's history, for the next name in the sequence, once per opening;
            // `known` may have been read before another notification opened the key's incident: then that one is it.
            previous = signed(source, KlaxonApi.LABEL_FINGERPRINT + "=" + opening.key());
        }
        return opener.open(new AlertOrigin(source, opening), previous);
    }

    /** Resolves the open incident, saying why (a documented lifecycle move, on its timeline). */
    boolean resolve(String namespace, String name, String reason) {
        return moves.resolve(namespace, name, reason);
    }

    private boolean isSigned(Incident incident) {
        return IncidentProof.isAlertSources(key, incident);
    }

    /** An Alertmanager alert (its key) of a source as the origin of incidents: {@code <source>-<key>-<n>}. */
    private final class AlertOrigin implements IncidentOpener.Origin {
        private final AlertSource source;
        private final AlertmanagerIngest.Opening opening;

        AlertOrigin(AlertSource source, AlertmanagerIngest.Opening opening) {
            this.source = source;
            this.opening = opening;
        }

        @Override
        public String name(int sequence) {
            return KubernetesNames.fit(source.getMetadata().getName() + "-" + opening.key().toLowerCase(Locale.ROOT), 220) + "-" + sequence;
        }

        @Override
        public String unguessableName(int sequence, OperatorKey key) {
            return name(sequence) + "-" + key.sign("alertsource-incident-name\n" + source.getMetadata().getNamespace() + "\n"
                    + source.getMetadata().getName() + "\n" + opening.key() + "\n" + sequence).substring(0, 12);
        }

        @Override
        public int sequenceOf(String name) {
            return AlertSourceIncidents.sequenceOf(name);
        }

        @Override
        public Incident incident(String name) {
            Incident incident = new Incident();
            incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(source.getMetadata().getNamespace())
                    .addToLabels(KlaxonApi.LABEL_ALERT_SOURCE, source.getMetadata().getName())
                    .addToLabels(KlaxonApi.LABEL_FINGERPRINT, opening.key())
                    .addToLabels(KlaxonApi.LABEL_SEVERITY, opening.spec().getSeverity().name())
                    .build());
            incident.setSpec(opening.spec());
            return incident;
        }

        @Override
        public String proofText(Incident incident) {
            return IncidentProof.ofAlertSource(incident.getMetadata().getNamespace(), incident.getMetadata().getName(),
                    source.getMetadata().getName(), opening.key());
        }

        @Override
        public boolean isOwnOpenIncident(Incident existing) {
            return isSigned(existing) && opening.key().equals(AlertmanagerIngest.keyOf(existing)) && IncidentOpener.isOpen(existing);
        }

        @Override
        public String describe() {
            return "key " + opening.key() + " of AlertSource " + source.getMetadata().getName();
        }
    }

    /** The n of {@code <source>-<key>-<n>}, also when a suffix follows it (an unguessable name); 0 when there is none. */
    static int sequenceOf(String name) {
        return IncidentOpener.sequenceAtEnd(name);
    }
}
