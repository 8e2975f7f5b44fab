package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSource;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.Text;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Map;

/**
 * An origin that is one object of a namespace with one open incident at a time (a Heartbeat's
 * miss, an objective's burn): its incidents are {@code <object>-<what>-<n>}, and after names in
 * sequence were taken by others, that name with a suffix only the operator can work out.
 */
public abstract class ObjectOrigin implements IncidentOpener.Origin {

    private final String namespace;
    private final String object;
    private final String what;
    private final String signedAs;

    /**
     * @param signedAs what the unguessable suffix signs before the namespace, object and sequence (one per kind of origin)
     */
    protected ObjectOrigin(String namespace, String object, String what, String signedAs) {
        this.namespace = namespace;
        this.object = object;
        this.what = what;
        this.signedAs = signedAs;
    }

    @Override
    public String name(int sequence) {
        return KubernetesNames.fit(object + "-" + what, 220) + "-" + sequence;
    }

    @Override
    public String unguessableName(int sequence, OperatorKey key) {
        return name(sequence) + "-" + key.sign(signedAs + "\n" + namespace + "\n" + object + "\n" + sequence).substring(0, 12);
    }

    @Override
    public int sequenceOf(String name) {
        return IncidentOpener.sequenceAtEnd(name);
    }

    /**
     * The incident named {@code name} of this origin: labelled with the object (under
     * {@code objectLabel}) and the spec's severity, owed the run of {@code playbookRef} if there is
     * one, noting {@code annotations}, its source starting at {@code since}.
     */
    protected final Incident incident(String name, String objectLabel, IncidentSpec spec, String playbookRef, Instant since,
            Map<String, String> annotations) {
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .addToLabels(objectLabel, object)
                .addToLabels(KlaxonApi.LABEL_SEVERITY, spec.getSeverity().name())
                .addToAnnotations(annotations);
        if (playbookRef != null) {
            metadata.addToAnnotations(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK, playbookRef);
        }
        IncidentSource source = new IncidentSource();
        source.setStartsAt(since.toString());
        spec.setSource(source);
        ObjectMeta meta = metadata.build();
        Incident incident = new Incident();
        incident.setMetadata(meta);
        incident.setSpec(spec);
        return incident;
    }

    /** An incident's description: the object's own description, if any, then why the incident opened. */
    protected static String description(String objectDescription, String why) {
        return Text.cut((objectDescription == null ? "" : objectDescription + "\n\n") + why, KlaxonApi.MAX_TEXT);
    }
}
