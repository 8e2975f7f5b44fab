package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.Digests;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a Heartbeat's check-ins are kept: a Lease per heartbeat in the operator's namespace, as
 * kubelets keep node heartbeats in Leases rather than in the Node's status. A check-in renews it
 * (one server-side apply, no read), whichever replica takes it; the Heartbeat's own status is
 * written only when what a user looks at changes. Tenants cannot write there, so nobody checks
 * in for a job that did not run but through the token.
 */
final class CheckInLeases {

    private final KubernetesClient client;

    CheckInLeases(KubernetesClient client) {
        this.client = client;
    }

    /** The Lease of the heartbeat: a digest, because two tenants' names must never meet in one namespace. */
    static String leaseName(String namespace, String name) {
        return "klaxon-heartbeat-" + HexFormat.of().formatHex(Digests.sha256(namespace + "/" + name)).substring(0, 32);
    }

    /** The namespace the Leases are in: the operator's. */
    String namespace() {
        return client.getNamespace();
    }

    /** Records a check-in at {@code at}. */
    void renew(String namespace, String name, Instant at) {
        Lease lease = new Lease();
        lease.setMetadata(new ObjectMetaBuilder().withName(leaseName(namespace, name)).withNamespace(namespace())
                .addToLabels(KlaxonApi.LABEL_HEARTBEAT, name).addToLabels(KlaxonApi.LABEL_HEARTBEAT_NAMESPACE, namespace).build());
        lease.setSpec(new LeaseSpecBuilder().withHolderIdentity("check-in").withRenewTime(at.atZone(ZoneOffset.UTC)).build());
        client.resource(lease).fieldManager("klaxon-heartbeats").forceConflicts().serverSideApply();
    }

    /** When the Lease says the last check-in was. */
    static Optional<Instant> lastCheckIn(Lease lease) {
        return Optional.ofNullable(lease.getSpec()).map(spec -> spec.getRenewTime()).map(time -> time.toInstant());
    }
}
