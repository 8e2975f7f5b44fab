package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `kubectl klaxon import` makes of Sloth's and OpenSLO's examples is what the real API server takes, defaults and CEL rules included. */
class SloImportIT {

    @Test
    void importedObjectivesAreAcceptedAsTheyArePrinted() {
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = TestCluster.get().createNamespace("slo-import");
        RuleImport.Result result = RuleImport.from(List.of(SloImportTest.SLOTH, SloImportTest.SLOTH_CRD, SloImportTest.OPENSLO));

        for (ServiceLevelObjective objective : result.objectives()) {
            objective.getMetadata().setNamespace(namespace);
            admin.resource(objective).create();
        }

        assertThat(admin.resources(ServiceLevelObjective.class).inNamespace(namespace).list().getItems())
                .extracting(o -> o.getMetadata().getName())
                .containsExactlyInAnyOrder("myservice-requests-availability", "home-wifi-good-wifi-client-satisfaction", "web-web-availability");
    }
}
