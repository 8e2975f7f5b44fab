package dev.klaxon.incident;

import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorKey;

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
}
