package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator's informer caches keep only what it reads: incidents the operator wrote with
 * server-side apply carry managedFields on the API server, but not in the operator's memory
 * (counted in a live-object histogram of the running process).
 */
class LeanItemStoreIT {

    private static final int INCIDENTS = 30;

    @Test
    void cachedIncidentsCarryNoManagedFields() {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("lean-caches");
        try (OperatorProcess operator = new OperatorProcess(namespace).start()) {
            for (int i = 0; i < INCIDENTS; i++) {
                Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
                incident.getMetadata().setNamespace(namespace);
                incident.getMetadata().setName("lean-" + i);
                incident.getSpec().setPhase(IncidentPhase.Detected);
                incident.getSpec().setEscalationPolicyRef(null);
                admin.resource(incident).create();
            }
            Awaitility.await("all reconciled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.resources(Incident.class).inNamespace(namespace).list().getItems().stream()
                            .filter(i -> i.getStatus() != null && i.getStatus().getPhase() != null).count() == INCIDENTS);
            Incident stored = admin.resources(Incident.class).inNamespace(namespace).withName("lean-0").get();
            assertThat(stored.getMetadata().getManagedFields()).as("on the API server").hasSizeGreaterThanOrEqualTo(2);

            // A full cache would hold at least two entries per incident (the create and the status apply).
            Awaitility.await("the caches settled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> managedFieldsEntries(operator) < INCIDENTS);
        }
    }

    private static long managedFieldsEntries(OperatorProcess operator) {
        Matcher matcher = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+io\\.fabric8\\.kubernetes\\.api\\.model\\.ManagedFieldsEntry\\b")
                .matcher(operator.jcmd("GC.class_histogram"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
