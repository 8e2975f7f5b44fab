package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.OperatorKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Opening incidents, for every origin (a rule's alert, an Alertmanager alert): idempotent by
 * construction. An origin's incidents get names in a sequence, so two replicas (or a retry) that
 * decide the same opening meet on one name and the second adopts the first's incident, when it is
 * the origin's, signed and open; after names in sequence were taken by others, one only the
 * operator can work out, so nobody can take it first. Each incident carries the operator's
 * signature ({@link IncidentProof}) and names the origin's previous incident.
 */
public final class IncidentOpener {

    /** Names tried in sequence before one nobody else can work out. */
    public static final int NAMED_ATTEMPTS = 3;

    /** Where an incident comes from: how its incidents are named, built, signed and recognised. */
    public interface Origin {

        /** The name of the origin's {@code sequence}-th incident. */
        String name(int sequence);

        /** A name for the {@code sequence}-th incident that needs the operator's key to work out. */
        String unguessableName(int sequence, OperatorKey key);

        /** The n of a name {@link #name} or {@link #unguessableName} gave; 0 for any other. */
        int sequenceOf(String name);

        /** The incident to create under {@code name}: labelled, with its spec; the opener signs it. */
        Incident incident(String name);

        /** What the operator signs for {@code incident} (see {@link IncidentProof}). */
        String proofText(Incident incident);

        /** Whether an incident found under a name this origin tried is its own open one (to adopt). */
        boolean isOwnOpenIncident(Incident existing);

        /** The origin in words, for an error. */
        String describe();
    }

    private final KubernetesClient client;
    private final OperatorKey key;

    public IncidentOpener(KubernetesClient client, OperatorKey key) {
        this.client = client;
        this.key = key;
    }

    /**
     * The name of the origin's open incident: one of {@code previous} (the origin's signed
     * incidents, final ones included, as far as the caller knows them), or a new one.
     */
    public String open(Origin origin, List<Incident> previous) {
        for (Incident incident : previous) {
            if (isOpen(incident)) {
                return incident.getMetadata().getName();
            }
        }
        int sequence = previous.stream().mapToInt(i -> origin.sequenceOf(i.getMetadata().getName())).max().orElse(0);
        Optional<String> last = previous.stream().max(Comparator.comparing((Incident i) -> i.getMetadata().getCreationTimestamp()))
                .map(i -> i.getMetadata().getName());
        for (int attempt = 0; attempt <= NAMED_ATTEMPTS; attempt++) {
            sequence++;
            String name = attempt < NAMED_ATTEMPTS ? origin.name(sequence) : origin.unguessableName(sequence, key);
            Incident incident = origin.incident(name);
            if (incident.getMetadata().getAnnotations() == null) {
                incident.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            last.ifPresent(l -> incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PREVIOUS_INCIDENT, l));
            incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_PROOF, key.sign(origin.proofText(incident)));
            if (createOrAdopt(incident, origin)) {
                return name;
            }
        }
        throw new KubernetesClientException("no free incident name for " + origin.describe());
    }

    /** The n of {@code <prefix>-<n>}, also when an unguessable suffix follows it; 0 when there is none. */
    public static int sequenceAtEnd(String name) {
        String[] parts = name.split("-");
        for (int i = parts.length - 1; i >= Math.max(0, parts.length - 2); i--) {
            if (parts[i].matches("[0-9]{1,9}")) {
                return Integer.parseInt(parts[i]);
            }
        }
        return 0;
    }

    /** Whether the incident is open (a phase not yet Resolved; none yet counts as open). */
    public static boolean isOpen(Incident incident) {
        IncidentPhase phase = incident.getSpec().getPhase();
        return phase == null || phase.isOpen();
    }

    /**
     * Creates the incident; when its name is taken, true only if the one there is the origin's own
     * open incident (created by an earlier attempt, or by another replica, whose outcome we did not see).
     */
    private boolean createOrAdopt(Incident incident, Origin origin) {
        try {
            client.resource(incident).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Incident existing = client.resources(Incident.class).inNamespace(incident.getMetadata().getNamespace())
                    .withName(incident.getMetadata().getName()).get();
            return existing != null && origin.isOwnOpenIncident(existing);
        }
    }
}
