package dev.klaxon.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.AlertSourceSpec;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.SlowClients;
import dev.klaxon.testing.TestAlertmanager;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts from real Alertmanagers (Debian's prometheus-alertmanager 0.25) into incidents, through
 * the packaged operator's receiver on the real control plane: an HA pair split by a partition
 * (two unclustered Alertmanagers, each sending every notification) opens one incident per alert,
 * a resolved alert resolves it, a later firing opens the next; the endpoint refuses what is not
 * a source's authenticated, bounded Alertmanager notification.
 */
@OperatorTest(namespace = "alertsource", settings = "-Dklaxon.alertmanager.max-body-size=64K")
class AlertSourceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "a-long-random-token-" + Long.toHexString(System.nanoTime());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    @BeforeAll
    static void shareTheToken() {
        // In the operator's namespace (there once the operator is), shared with the test's, as an administrator would.
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(namespace + "-am-token")
                        .addToAnnotations("klaxon.dev/channel-namespaces", namespace).build())
                .addToStringData("token", TOKEN).build()).serverSideApply();
    }

    private static AlertSource source(String name, AlertSourceSpec.Grouping grouping) {
        AlertSource source = new AlertSource();
        source.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.setTokenSecretRef(new SecretKeyRef(namespace + "-am-token", "token"));
        spec.setGrouping(grouping);
        spec.setSeverities(Map.of("P1", Severity.SEV1));
        source.setSpec(spec);
        admin.resource(source).create();
        Await.ready(admin, AlertSource.class, namespace, name, Condition.Status.True);
        return admin.resources(AlertSource.class).inNamespace(namespace).withName(name).get();
    }

    private static String webhook(AlertSource source) {
        return operator.alertmanagerUrl() + source.getStatus().getWebhookPath();
    }

    private static String alerts(String instance, Instant endsAt) {
        return """
                [{"labels":{"alertname":"CheckoutErrors","severity":"P1","service":"checkout","instance":"%s"},
                  "annotations":{"summary":"Checkout error rate above 5%% on %s","description":"5xx above 5%% for 5 minutes"},
                  "startsAt":"%s","endsAt":"%s","generatorURL":"http://prometheus.example/graph"}]
                """.formatted(instance, instance, Timestamps.format(Instant.now().minusSeconds(60)), Timestamps.format(endsAt));
    }

    private static List<Incident> incidentsOf(String source) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_ALERT_SOURCE, source).list().getItems();
    }

    @Test
    void anHaPairsAlertOpensOneIncidentWhichItsResolutionResolvesAndALaterFiringOpensTheNext() throws Exception {
        AlertSource source = source("platform-am", AlertSourceSpec.Grouping.Alert);
        assertThat(source.getStatus().getWebhookPath()).isEqualTo("/alertmanager/" + namespace + "/platform-am");
        // Someone's look-alike, labelled as the alert's before it fires (an admin bypasses the chart's policy):
        // unsigned, it holds no alert's place.
        Incident decoy = new Incident();
        decoy.setMetadata(new ObjectMetaBuilder().withName("decoy").withNamespace(namespace)
                .addToLabels(KlaxonApi.LABEL_ALERT_SOURCE, "platform-am").build());
        IncidentSpec decoySpec = new IncidentSpec();
        decoySpec.setTitle("decoy");
        decoySpec.setSeverity(Severity.SEV5);
        decoy.setSpec(decoySpec);
        admin.resource(decoy).create();

        try (TestAlertmanager first = new TestAlertmanager("first", webhook(source), TOKEN);
             TestAlertmanager second = new TestAlertmanager("second", webhook(source), TOKEN)) {
            String firing = alerts("eu-1", Instant.now().plus(Duration.ofHours(1)));
            first.post(firing);
            second.post(firing);

            Incident incident = Awaitility.await("the incident").atMost(WAIT).until(() -> incidentsOf("platform-am").stream()
                    .filter(i -> !"decoy".equals(i.getMetadata().getName())).toList(), l -> !l.isEmpty()).get(0);
            assertThat(incident.getSpec().getTitle()).isEqualTo("Checkout error rate above 5% on eu-1");
            assertThat(incident.getSpec().getSeverity()).isEqualTo(Severity.SEV1);
            assertThat(incident.getSpec().getImpact().getAffectedServices()).containsExactly("checkout");
            assertThat(incident.getSpec().getSource().getAlertSource()).isEqualTo("platform-am");
            assertThat(incident.getSpec().getSource().getLabels()).containsEntry("instance", "eu-1");
            assertThat(incident.getSpec().getDescription()).contains("5xx above 5% for 5 minutes", "Source: http://prometheus.example/graph");
            String fingerprint = incident.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT);
            assertThat(incident.getMetadata().getName()).isEqualTo("platform-am-" + fingerprint + "-1");

            // Both Alertmanagers delivered, each at least once: still one incident.
            Awaitility.await("both notifications").atMost(WAIT)
                    .until(() -> operator.metric("klaxon_alertmanager_notifications_total{result=\"accepted\"}") >= 2.0);
            first.post(firing); // a re-post changes nothing either
            assertThat(incidentsOf("platform-am")).extracting(i -> i.getMetadata().getName())
                    .containsExactlyInAnyOrder("decoy", "platform-am-" + fingerprint + "-1");

            String resolved = alerts("eu-1", Instant.now().minusSeconds(1));
            first.post(resolved);
            second.post(resolved);
            Awaitility.await("resolved").atMost(WAIT).until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Resolved);

            first.post(alerts("eu-1", Instant.now().plus(Duration.ofHours(1))));
            Incident next = Awaitility.await("the next incident").atMost(WAIT)
                    .until(() -> admin.resources(Incident.class).inNamespace(namespace).withName("platform-am-" + fingerprint + "-2").get(),
                            java.util.Objects::nonNull);
            assertThat(next.getMetadata().getAnnotations()).containsEntry(KlaxonApi.ANNOTATION_PREVIOUS_INCIDENT,
                    "platform-am-" + fingerprint + "-1");
        }
        assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("decoy").get().getSpec().getPhase())
                .as("the look-alike is left alone").isNotEqualTo(IncidentPhase.Resolved);
    }

    @Test
    void theEndpointRefusesWhatIsNotAnAuthenticatedBoundedNotification() throws Exception {
        AlertSource source = source("guarded-am", AlertSourceSpec.Grouping.Group);
        String url = webhook(source);
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"g\",\"commonLabels\":{\"alertname\":\"X\"},\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"X\"},\"fingerprint\":\"0a1b\"}]}";

        assertThat(post(url, null, body).statusCode()).isEqualTo(401);
        assertThat(post(url, "Bearer wrong", body).statusCode()).isEqualTo(401);
        assertThat(post(url.replace("guarded-am", "no-such-source"), "Bearer " + TOKEN, body).statusCode())
                .as("a missing source answers like a wrong token").isEqualTo(401);
        assertThat(post(url, "Bearer " + TOKEN, "x".repeat(70_000)).statusCode()).isEqualTo(413);
        HttpResponse<String> malformed = post(url, "Bearer " + TOKEN, "{\"status\":\"firing\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("no status or alerts");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
        assertThat(incidentsOf("guarded-am")).isEmpty();

        assertThat(post(url, "Bearer " + TOKEN, body).statusCode()).isEqualTo(200);
        assertThat(incidentsOf("guarded-am")).singleElement().satisfies(i -> assertThat(i.getSpec().getTitle()).isEqualTo("X"));
    }

    @Test
    void namesTakenAheadOfTimeDoNotSilenceTheAlert() throws Exception {
        AlertSource source = source("squatted-am", AlertSourceSpec.Grouping.Alert);
        for (int n = 1; n <= 3; n++) {
            Incident squat = new Incident();
            squat.setMetadata(new ObjectMetaBuilder().withName("squatted-am-0a1b-" + n).withNamespace(namespace).build());
            IncidentSpec spec = new IncidentSpec();
            spec.setTitle("taken");
            spec.setSeverity(Severity.SEV5);
            squat.setSpec(spec);
            admin.resource(squat).create();
        }
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"g\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"Squatted\"},\"fingerprint\":\"0a1b\"}]}";

        assertThat(post(webhook(source), "Bearer " + TOKEN, body).statusCode()).isEqualTo(200);
        assertThat(incidentsOf("squatted-am")).singleElement().satisfies(i -> {
            assertThat(i.getMetadata().getName()).startsWith("squatted-am-0a1b-4-");
            assertThat(i.getSpec().getTitle()).isEqualTo("Squatted");
        });
    }

    @Test
    void aSourceWhoseTokenIsNotSharedSaysSo() {
        AlertSource source = new AlertSource();
        source.setMetadata(new ObjectMetaBuilder().withName("unshared").withNamespace(namespace).build());
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.setTokenSecretRef(new SecretKeyRef("klaxon-operator-key", "key"));
        source.setSpec(spec);
        admin.resource(source).create();
        Condition ready = Await.ready(admin, AlertSource.class, namespace, "unshared", Condition.Status.False);
        assertThat(ready.getReason()).isEqualTo("SecretNotFound");
    }

    @Test
    void aCapturedResolutionReplayedAfterTheAlertFiresAgainResolvesNothing() throws Exception {
        String url = webhook(source("replayed-am", AlertSourceSpec.Grouping.Alert));
        Instant firstStart = Instant.now().minusSeconds(600);
        String capturedResolution = notification("resolved", firstStart);
        assertThat(post(url, "Bearer " + TOKEN, notification("firing", firstStart)).statusCode()).isEqualTo(200);
        assertThat(post(url, "Bearer " + TOKEN, capturedResolution).statusCode()).isEqualTo(200);
        assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("replayed-am-0c0d-1").get().getSpec().getPhase())
                .isEqualTo(IncidentPhase.Resolved);

        assertThat(post(url, "Bearer " + TOKEN, notification("firing", Instant.now().minusSeconds(30))).statusCode()).isEqualTo(200);
        assertThat(post(url, "Bearer " + TOKEN, capturedResolution).statusCode()).as("answered, and ignored").isEqualTo(200);

        Incident refired = admin.resources(Incident.class).inNamespace(namespace).withName("replayed-am-0c0d-2").get();
        assertThat(refired.getSpec().getPhase()).as("the new firing's incident stays open").isEqualTo(IncidentPhase.Detected);
    }

    @Test
    void aTokenSharedWithAnotherNamespaceOrForEmailOnlyAuthenticatesNothing() throws Exception {
        for (Map.Entry<String, Map<String, String>> secret : Map.of(
                "shared-token", Map.of("klaxon.dev/channel-namespaces", namespace + ",another-tenant"),
                "email-only-token", Map.of("klaxon.dev/channel-namespaces", namespace, "klaxon.dev/channel-types", "Email")).entrySet()) {
            admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(namespace + "-" + secret.getKey()).withAnnotations(secret.getValue()).build())
                    .addToStringData("token", TOKEN).build()).serverSideApply();
            AlertSource source = new AlertSource();
            source.setMetadata(new ObjectMetaBuilder().withName(secret.getKey()).withNamespace(namespace).build());
            source.setSpec(new AlertSourceSpec());
            source.getSpec().setTokenSecretRef(new SecretKeyRef(namespace + "-" + secret.getKey(), "token"));
            admin.resource(source).create();

            Condition ready = Await.ready(admin, AlertSource.class, namespace, secret.getKey(), Condition.Status.False);

            assertThat(ready.getReason()).isEqualTo("TokenNotForThisNamespace");
            assertThat(post(operator.alertmanagerUrl() + "/alertmanager/" + namespace + "/" + secret.getKey(), "Bearer " + TOKEN,
                    notification("resolved", Instant.now())).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void postsToSourcesThatDoNotExistCostTheApiServerNothingAndAGuesserIsHeldBack() throws Exception {
        double before = apiServerRequests("alertsources");
        int refused = 0;
        int heldBack = 0;
        for (int i = 0; i < 300; i++) {
            int status = post(operator.alertmanagerUrl() + "/alertmanager/guessed-tenant/source-" + i, "Bearer guess-" + i,
                    notification("firing", Instant.now())).statusCode();
            refused += status == 401 ? 1 : 0;
            heldBack += status == 429 ? 1 : 0;
        }

        assertThat(apiServerRequests("alertsources") - before).as("GETs of AlertSources").isLessThan(10);
        assertThat(refused).isLessThanOrEqualTo(20);
        assertThat(heldBack).isGreaterThanOrEqualTo(280);
    }

    @Test
    void slowSendersHoldNoThreadAndDoNotDelayAnotherTenantsNotification() throws Exception {
        String url = webhook(source("prompt-am", AlertSourceSpec.Grouping.Alert));
        try (SlowClients slow = new SlowClients(URI.create(operator.alertmanagerUrl()).getPort(), 100, "POST /alertmanager/someone/else HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer guess\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100))) {
            Awaitility.await("the slow clients connected, each sending as slowly as it can").atMost(WAIT)
                    .until(() -> slow.connected() >= 100 && slow.rounds() >= 2);

            long started = System.nanoTime();
            HttpResponse<String> answered = post(url, "Bearer " + TOKEN, notification("firing", Instant.now()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("a notification took %d ms while 100 slow clients held connections%n", took.toMillis());
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
    }

    /** GETs of {@code resource} the API server has served, from its own metrics. */
    private static double apiServerRequests(String resource) {
        String metrics = admin.raw("/metrics");
        return metrics.lines().filter(l -> l.startsWith("apiserver_request_total{") && l.contains("resource=\"" + resource + "\"")
                        && l.contains("verb=\"GET\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A webhook notification of the alert 0c0d, begun at {@code startsAt}. */
    private static String notification(String status, Instant startsAt) {
        return "{\"version\":\"4\",\"status\":\"" + status + "\",\"groupKey\":\"r\",\"alerts\":[{\"status\":\"" + status
                + "\",\"labels\":{\"alertname\":\"Replayed\"},\"fingerprint\":\"0c0d\",\"startsAt\":\"" + startsAt + "\"}]}";
    }

    private static HttpResponse<String> post(String url, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
