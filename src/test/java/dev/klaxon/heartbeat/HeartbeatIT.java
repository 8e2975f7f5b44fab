package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.AlertSourceSpec;
import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.api.v1alpha1.HeartbeatSpec;
import dev.klaxon.api.v1alpha1.HeartbeatStatus;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.TestAlertmanager;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats on the real cluster with the packaged operator: a check-in that stops opens an
 * incident and resumes to resolve it; a CronJob whose Job fails opens one with the Job's reason
 * within one schedule and the grace, and its next successful run resolves it.
 */
@OperatorTest(namespace = "heartbeats")
class HeartbeatIT {

    private static final String TOKEN = "check-in-token-of-the-test";
    private static final String AM_TOKEN = "alertmanager-token-of-the-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    @BeforeAll
    static void shareTheTokens() {
        Channels.shareSecret(admin, namespace, namespace + "-hb-token", "token", TOKEN);
        Channels.shareSecret(admin, namespace, namespace + "-am-token", "token", AM_TOKEN);
    }

    @Test
    void aCheckInThatStopsOpensAnIncidentAndResolvesItWhenItResumes() throws Exception {
        HeartbeatSpec spec = new HeartbeatSpec();
        spec.setPeriod("4s");
        spec.setGrace("2s");
        spec.setSeverity(Severity.SEV3);
        spec.setCheckIn(new HeartbeatSpec.CheckIn());
        spec.getCheckIn().setTokenSecretRef(new SecretKeyRef(namespace + "-hb-token", "token"));
        Heartbeat heartbeat = create("backup-script", spec);
        HeartbeatStatus waiting = awaitState(heartbeat, HeartbeatStatus.State.Waiting);
        assertThat(waiting.getCheckInPath()).isEqualTo("/heartbeats/" + namespace + "/backup-script");

        assertThat(checkIn("backup-script", "wrong").statusCode()).isEqualTo(401);
        assertThat(checkIn("backup-script", TOKEN).statusCode()).isEqualTo(202);
        assertThat(awaitState(heartbeat, HeartbeatStatus.State.Healthy).getLastSignalAt()).isNotNull();

        // Keep checking in every 2 s for a while: each is taken and nothing opens.
        Awaitility.await("checking in").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(14)).pollInterval(Duration.ofSeconds(2))
                .until(() -> checkIn("backup-script", TOKEN).statusCode() == 202 && incidentsOf("backup-script").isEmpty());
        Instant lastCheckIn = Instant.now();

        HeartbeatStatus missed = awaitState(heartbeat, HeartbeatStatus.State.Missed);
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName(missed.getIncident()).get();
        Duration toIncident = Duration.between(lastCheckIn, Instant.parse(incident.getMetadata().getCreationTimestamp()));
        System.out.printf("[heartbeat] check-in stopped -> incident %s after %d ms (period 4s + grace 2s)%n",
                incident.getMetadata().getName(), toIncident.toMillis());
        assertThat(incident.getMetadata().getName()).isEqualTo("backup-script-missed-1");
        assertThat(incident.getSpec().getSeverity()).isEqualTo(Severity.SEV3);
        assertThat(incident.getSpec().getTitle()).isEqualTo("Heartbeat backup-script missed");
        assertThat(incident.getSpec().getDescription()).contains("no check-in since");
        assertThat(toIncident).as("not before period + grace").isGreaterThanOrEqualTo(Duration.ofSeconds(5));

        assertThat(checkIn("backup-script", TOKEN).statusCode()).isEqualTo(202);
        awaitState(heartbeat, HeartbeatStatus.State.Healthy);
        Awaitility.await("the incident resolved").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Resolved);
        assertThat(operator.metric("klaxon_heartbeat_last_signal_timestamp_seconds{heartbeat=\"backup-script\",namespace=\"" + namespace + "\"}"))
                .isGreaterThan(lastCheckIn.getEpochSecond() - 1);
    }

    @Test
    void aWatchdogThatStopsArrivingOpensAnIncidentAndNoIncidentOfItsOwn() throws Exception {
        AlertSource source = new AlertSource();
        source.setMetadata(new ObjectMetaBuilder().withName("monitoring").withNamespace(namespace).build());
        AlertSourceSpec sourceSpec = new AlertSourceSpec();
        sourceSpec.setTokenSecretRef(new SecretKeyRef(namespace + "-am-token", "token"));
        source.setSpec(sourceSpec);
        admin.resource(source).create();
        HeartbeatSpec spec = new HeartbeatSpec();
        spec.setPeriod("5s");
        spec.setGrace("3s");
        spec.setAlert(new HeartbeatSpec.AlertSignal());
        spec.getAlert().setAlertSourceRef("monitoring");
        Heartbeat heartbeat = create("alerting-pipeline", spec);
        awaitState(heartbeat, HeartbeatStatus.State.Waiting);
        String webhook = operator.alertmanagerUrl() + "/alertmanager/" + namespace + "/monitoring";
        String watchdog = "[{\"labels\":{\"alertname\":\"Watchdog\",\"severity\":\"none\"},\"endsAt\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\"}]";

        // The real Alertmanager sends the always-firing Watchdog again every 2 s.
        Instant stopped;
        try (TestAlertmanager alertmanager = new TestAlertmanager("watchdog", webhook, AM_TOKEN, "2s")) {
            alertmanager.post(watchdog);
            awaitState(heartbeat, HeartbeatStatus.State.Healthy);
            // Longer than period + grace: it keeps arriving, so it stays healthy.
            Awaitility.await("healthy while the Watchdog arrives").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(14))
                    .pollInterval(Duration.ofMillis(500)).until(() -> status(heartbeat).getState() == HeartbeatStatus.State.Healthy);
            stopped = Instant.now();
        }
        assertThat(incidentsOf("alerting-pipeline")).isEmpty();
        assertThat(admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_ALERT_SOURCE, "monitoring").list().getItems())
                .as("the Watchdog is a signal, not an incident").isEmpty();

        HeartbeatStatus missed = awaitState(heartbeat, HeartbeatStatus.State.Missed);
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName(missed.getIncident()).get();
        System.out.printf("[heartbeat] Alertmanager stopped -> incident %s after %d ms (period 5s + grace 3s; Watchdog every 2s)%n",
                incident.getMetadata().getName(), Duration.between(stopped, Instant.parse(incident.getMetadata().getCreationTimestamp())).toMillis());
        assertThat(incident.getSpec().getDescription()).contains("no Watchdog alert since");

        try (TestAlertmanager alertmanager = new TestAlertmanager("watchdog", webhook, AM_TOKEN, "2s")) {
            alertmanager.post(watchdog);
            awaitState(heartbeat, HeartbeatStatus.State.Healthy);
            Awaitility.await("the incident resolved").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Resolved);
        }
    }

    @Test
    void aCronJobWhoseJobFailsOpensAnIncidentWithTheReasonAndItsNextSuccessResolvesIt() {
        admin.resource(cronJob("nightly-export", "echo exporting; exit 3")).create();
        HeartbeatSpec spec = new HeartbeatSpec();
        spec.setGrace("20s");
        spec.setCronJob(new HeartbeatSpec.CronJobSignal());
        spec.getCronJob().setName("nightly-export");
        Heartbeat heartbeat = create("nightly-export", spec);
        awaitState(heartbeat, HeartbeatStatus.State.Waiting);

        // Its first run (on the next minute) fails: missed within one schedule plus the grace.
        HeartbeatStatus missed = Awaitility.await("missed").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(heartbeat), s -> s != null && s.getState() == HeartbeatStatus.State.Missed);
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName(missed.getIncident()).get();
        assertThat(incident.getSpec().getDescription()).contains("has not succeeded", "failed: BackoffLimitExceeded");
        Instant scheduled = Instant.parse(incident.getSpec().getDescription().replaceAll("(?s).*scheduled at (\\S+) has not.*", "$1"));
        System.out.printf("[heartbeat] CronJob run failed -> incident %s %d ms after the run's scheduled time (grace 20s)%n",
                incident.getMetadata().getName(), Duration.between(scheduled, Instant.parse(incident.getMetadata().getCreationTimestamp())).toMillis());

        // Fixed: the next run succeeds and the incident resolves.
        admin.resource(cronJob("nightly-export", "echo exporting; exit 0")).update();
        Awaitility.await("healthy again").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(heartbeat), s -> s != null && s.getState() == HeartbeatStatus.State.Healthy);
        Awaitility.await("the incident resolved").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Resolved);
    }

    private static Heartbeat create(String name, HeartbeatSpec spec) {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        heartbeat.setSpec(spec);
        return admin.resource(heartbeat).create();
    }

    private static HeartbeatStatus status(Heartbeat heartbeat) {
        Heartbeat now = admin.resource(heartbeat).get();
        return now == null ? null : now.getStatus();
    }

    private static HeartbeatStatus awaitState(Heartbeat heartbeat, HeartbeatStatus.State state) {
        return Awaitility.await(heartbeat.getMetadata().getName() + " " + state).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(heartbeat), s -> s != null && s.getState() == state);
    }

    private static HttpResponse<String> checkIn(String name, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(operator.checkInUrl() + "/heartbeats/" + namespace + "/" + name))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Incident> incidentsOf(String heartbeat) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_HEARTBEAT, heartbeat).list().getItems();
    }

    /** A CronJob every minute whose one try runs {@code script}, as restricted Pod Security wants it. */
    private static CronJob cronJob(String name, String script) {
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withSchedule("* * * * *").withConcurrencyPolicy("Forbid")
                .withNewJobTemplate().withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65534L).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("export").withImage(TestCluster.STEP_IMAGE).withImagePullPolicy("Never")
                .withCommand("/bin/sh", "-c", script)
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext().endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }
}
