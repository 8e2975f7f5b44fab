package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a tenant writes cannot stop the operator from keeping an incident: text full of control
 * bytes is reconciled like any other, and runs beyond counting do not freeze the incident.
 */
@OperatorTest(namespace = "bounds")
class IncidentBoundsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    @Test
    void textFullOfControlBytesIsReconciledLikeAnyOther() {
        String hostile = "db \u001b[2J\u001b]0;owned\u0007 down\u0085\u009b31m\u0000\t\r\n\u2028 end \ud83d\udd25";
        Incident incident = incident("control-bytes");
        incident.getSpec().setTitle(hostile);
        incident.getSpec().setDescription(hostile.repeat(20));
        incident.getSpec().setCommander(hostile);
        admin.resource(incident).create();

        Incident seen = awaitPhase(incident, IncidentPhase.Detected);
        assertThat(seen.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).hasToString("True");
        });
        acknowledge(incident);
        awaitPhase(incident, IncidentPhase.Acknowledged);
    }

    @Test
    void runsBeyondCountingNeitherFreezeTheIncidentNorGrowItsStatusPastItsBudget() throws Exception {
        Incident incident = admin.resource(incident("many-runs")).create();
        awaitPhase(incident, IncidentPhase.Detected);
        // 3,000 runs with the longest names: listed whole, about 1.8 MB, more than etcd takes in one object.
        ExecutorService creators = Executors.newFixedThreadPool(8);
        IntStream.range(0, 3_000).forEach(i -> creators.submit(() -> admin.resource(run(incident, i)).create()));
        creators.shutdown();
        assertThat(creators.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        acknowledge(incident);

        Incident acknowledged = Awaitility.await("acknowledged, every run listed or counted").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus().getPhase() == IncidentPhase.Acknowledged
                        && i.getStatus().getPlaybookRunsNotListed() != null
                        && i.getStatus().getPlaybookRunsNotListed() + i.getStatus().getPlaybookRuns().size() == 3_000);
        assertThat(new ObjectMapper().writeValueAsBytes(acknowledged.getStatus()).length).isLessThan(512 * 1024);
        assertThat(operator.isAlive()).isTrue();
    }

    private static Incident incident(String name) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getSpec().setSeverity(Severity.SEV4);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        return incident;
    }

    private static PlaybookRun run(Incident incident, int i) {
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setNamespace(namespace);
        run.getMetadata().setName(String.format("%05d-", i) + "r".repeat(247));
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef("p".repeat(253));
        spec.setIncidentRef(incident.getMetadata().getName());
        run.setSpec(spec);
        return run;
    }

    private static void acknowledge(Incident incident) {
        admin.resources(Incident.class).inNamespace(namespace).withName(incident.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Acknowledged\"}}");
    }

    private static Incident awaitPhase(Incident incident, IncidentPhase phase) {
        return Awaitility.await(incident.getMetadata().getName() + " " + phase).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getPhase() == phase);
    }
}
