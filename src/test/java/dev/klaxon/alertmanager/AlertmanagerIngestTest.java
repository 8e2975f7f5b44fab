package dev.klaxon.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.AlertSourceSpec;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.Severity;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerIngestTest {

    /** Alertmanager 0.25's webhook body, as its notifier writes it. */
    private static String body(String status, String... alerts) {
        return """
                {"receiver":"klaxon","status":"%s","alerts":[%s],"groupLabels":{"alertname":"HighErrorRate"},
                 "commonLabels":{"alertname":"HighErrorRate","severity":"critical","service":"checkout"},
                 "commonAnnotations":{"summary":"Checkout error rate above 5%%"},"externalURL":"http://am.example:9093",
                 "version":"4","groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0}
                """.formatted(status, String.join(",", alerts));
    }

    private static String alert(String status, String fingerprint, String instance, String severity) {
        return alert(status, fingerprint, instance, severity, "2026-12-03T07:00:00Z");
    }

    private static String alert(String status, String fingerprint, String instance, String severity, String startsAt) {
        return """
                {"status":"%s","labels":{"alertname":"HighErrorRate","severity":"%s","service":"checkout","instance":"%s"},
                 "annotations":{"summary":"Checkout error rate above 5%% on %s","description":"5xx over 5%% for 5m"},
                 "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus:9090/graph?g0.expr=x","fingerprint":"%s"}
                """.formatted(status, severity, instance, instance, startsAt, fingerprint);
    }

    private static AlertmanagerPayload parse(String json) throws AlertmanagerPayload.Malformed {
        return AlertmanagerPayload.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AlertSource source(AlertSourceSpec.Grouping grouping, int cap) {
        AlertSource source = new AlertSource();
        source.setMetadata(new ObjectMetaBuilder().withName("platform-am").withNamespace("shop").build());
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.setTokenSecretRef(new SecretKeyRef("t", "token"));
        spec.setGrouping(grouping);
        spec.setMaxOpenIncidents(cap);
        spec.setSeverities(Map.of("P1", Severity.SEV1));
        spec.setEscalationPolicyRef("platform");
        source.setSpec(spec);
        return source;
    }

    /** The incident the writer would have created for an opening (labelled with its key). */
    private static Incident opened(AlertmanagerIngest.Opening opening, String name, IncidentPhase phase) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop")
                .addToLabels(KlaxonApi.LABEL_FINGERPRINT, opening.key()).build());
        IncidentSpec spec = opening.spec();
        spec.setPhase(phase);
        incident.setSpec(spec);
        return incident;
    }

    @Test
    void aFiringAlertOpensOneIncidentAndTheSameNotificationAgainOpensNothing() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Alert, 20);
        AlertmanagerPayload payload = parse(body("firing", alert("firing", "3f2a9c1b7d6e5a40", "eu-1", "critical")));

        AlertmanagerIngest.Plan plan = AlertmanagerIngest.plan(source, payload, List.of());

        assertThat(plan.resolve()).isEmpty();
        AlertmanagerIngest.Opening opening = plan.open().get(0);
        assertThat(plan.open()).hasSize(1);
        assertThat(opening.key()).isEqualTo("3f2a9c1b7d6e5a40");
        IncidentSpec spec = opening.spec();
        assertThat(spec.getTitle()).isEqualTo("Checkout error rate above 5% on eu-1");
        assertThat(spec.getSeverity()).isEqualTo(Severity.SEV1);
        assertThat(spec.getPhase()).isEqualTo(IncidentPhase.Detected);
        assertThat(spec.getEscalationPolicyRef()).isEqualTo("platform");
        assertThat(spec.getImpact().getAffectedServices()).containsExactly("checkout");
        assertThat(spec.getDescription()).contains("5xx over 5% for 5m", "Source: http://prometheus:9090/graph", "Alertmanager: http://am.example:9093");
        assertThat(spec.getSource().getAlertSource()).isEqualTo("platform-am");
        assertThat(spec.getSource().getLabels()).containsEntry("instance", "eu-1");

        Incident open = opened(opening, "platform-am-3f2a9c1b7d6e5a40-1", IncidentPhase.Detected);
        assertThat(AlertmanagerIngest.plan(source, payload, List.of(open)).isEmpty()).as("a retry, or the HA peer's copy").isTrue();
    }

    @Test
    void resolvedResolvesAndALaterFiringOpensAgain() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Alert, 20);
        AlertmanagerIngest.Opening opening = AlertmanagerIngest.plan(source,
                parse(body("firing", alert("firing", "aa01", "eu-1", "warning"))), List.of()).open().get(0);
        Incident open = opened(opening, "platform-am-aa01-1", IncidentPhase.Investigating);

        AlertmanagerIngest.Plan resolved = AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "aa01", "eu-1", "warning"))),
                List.of(open));
        assertThat(resolved.resolve()).containsExactly("platform-am-aa01-1");
        assertThat(resolved.open()).isEmpty();

        Incident closed = opened(opening, "platform-am-aa01-1", IncidentPhase.Resolved);
        assertThat(AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "aa01", "eu-1", "warning"))), List.of(closed))
                .isEmpty()).as("resolved twice").isTrue();
        assertThat(AlertmanagerIngest.plan(source, parse(body("firing", alert("firing", "aa01", "eu-1", "warning", "2026-12-03T09:00:00Z"))),
                List.of(closed)).open()).as("a new firing").singleElement().satisfies(o -> assertThat(o.key()).isEqualTo("aa01"));
        // Even a late copy of the firing that was resolved opens one: a duplicate incident is noise, a silent alert is not.
        assertThat(AlertmanagerIngest.plan(source, parse(body("firing", alert("firing", "aa01", "eu-1", "warning"))), List.of(closed))
                .open()).hasSize(1);
    }

    @Test
    void aReplayedResolutionOfAnEarlierFiringDoesNotResolveTheIncidentOfTheNextOne() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Alert, 20);
        String earlierResolution = body("resolved", alert("resolved", "aa01", "eu-1", "warning", "2026-12-03T07:00:00Z"));
        AlertmanagerIngest.Opening refired = AlertmanagerIngest.plan(source,
                parse(body("firing", alert("firing", "aa01", "eu-1", "warning", "2026-12-03T09:00:00.123456789Z"))), List.of()).open().get(0);
        assertThat(refired.spec().getSource().getStartsAt()).isEqualTo("2026-12-03T09:00:00Z");
        Incident open = opened(refired, "platform-am-aa01-2", IncidentPhase.Detected);

        assertThat(AlertmanagerIngest.plan(source, parse(earlierResolution), List.of(open)).resolve()).as("the captured resolution, replayed").isEmpty();
        assertThat(AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "aa01", "eu-1", "warning",
                "2026-12-03T09:00:00.123456789Z"))), List.of(open)).resolve()).as("its own resolution").containsExactly("platform-am-aa01-2");
    }

    @Test
    void aReplayedResolutionOfAnEarlierGroupDoesNotResolveTheGroupsNextIncident() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Group, 20);
        AlertmanagerIngest.Opening refired = AlertmanagerIngest.plan(source, parse(body("firing",
                alert("firing", "a1", "eu-1", "critical", "2026-12-03T09:00:00Z"))), List.of()).open().get(0);
        Incident open = opened(refired, "platform-am-g1-2", IncidentPhase.Detected);

        assertThat(AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "a1", "eu-1", "critical", "2026-12-03T07:00:00Z"),
                alert("resolved", "a2", "eu-2", "critical", "2026-12-03T07:30:00Z"))), List.of(open)).resolve()).isEmpty();
        assertThat(AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "a1", "eu-1", "critical", "2026-12-03T09:00:00Z"))),
                List.of(open)).resolve()).containsExactly("platform-am-g1-2");
    }

    @Test
    void severityComesFromTheSourcesMapThenTheTableThenTheDefault() {
        AlertSourceSpec spec = source(AlertSourceSpec.Grouping.Alert, 20).getSpec();
        assertThat(AlertmanagerIngest.severity(spec, Map.of("severity", "P1"))).isEqualTo(Severity.SEV1);
        assertThat(AlertmanagerIngest.severity(spec, Map.of("severity", "Warning"))).isEqualTo(Severity.SEV3);
        assertThat(AlertmanagerIngest.severity(spec, Map.of("severity", "info"))).isEqualTo(Severity.SEV4);
        assertThat(AlertmanagerIngest.severity(spec, Map.of("severity", "whatever"))).isEqualTo(Severity.SEV3);
        assertThat(AlertmanagerIngest.severity(spec, Map.of())).isEqualTo(Severity.SEV3);
    }

    @Test
    void pastTheCapAlertsShareOneStormIncident() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Alert, 2);
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alerts.add(alert("firing", "f" + i, "node-" + i, "critical"));
        }
        AlertmanagerIngest.Plan plan = AlertmanagerIngest.plan(source, parse(body("firing", alerts.toArray(String[]::new))), List.of());

        assertThat(plan.open()).extracting(AlertmanagerIngest.Opening::key).containsExactly("f0", "f1", AlertmanagerIngest.STORM);
        assertThat(plan.open().get(2).spec().getTitle()).startsWith("Alert storm: AlertSource platform-am");
    }

    @Test
    void aGroupIsOneIncidentResolvedWhenTheWholeGroupIs() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Group, 20);
        AlertmanagerIngest.Plan plan = AlertmanagerIngest.plan(source, parse(body("firing", alert("firing", "a1", "eu-1", "critical"),
                alert("firing", "a2", "eu-2", "critical"))), List.of());
        assertThat(plan.open()).singleElement().satisfies(o -> {
            assertThat(o.spec().getTitle()).isEqualTo("Checkout error rate above 5%");
            assertThat(o.spec().getDescription()).contains("2 alert(s) firing in group {alertname=HighErrorRate}");
        });
        Incident open = opened(plan.open().get(0), "platform-am-g1-1", IncidentPhase.Detected);

        assertThat(AlertmanagerIngest.plan(source, parse(body("firing", alert("resolved", "a1", "eu-1", "critical"),
                alert("firing", "a2", "eu-2", "critical"))), List.of(open)).isEmpty()).as("one alert of the group still fires").isTrue();
        assertThat(AlertmanagerIngest.plan(source, parse(body("resolved", alert("resolved", "a1", "eu-1", "critical"),
                alert("resolved", "a2", "eu-2", "critical"))), List.of(open)).resolve()).containsExactly("platform-am-g1-1");
    }

    @Test
    void pastTheCapGroupsShareTheStormIncidentToo() throws Exception {
        AlertSource source = source(AlertSourceSpec.Grouping.Group, 1);
        AlertmanagerIngest.Opening first = AlertmanagerIngest.plan(source, parse(body("firing", alert("firing", "a1", "eu-1", "critical"))),
                List.of()).open().get(0);
        Incident open = opened(first, "platform-am-g1-1", IncidentPhase.Detected);
        AlertmanagerPayload other = parse(body("firing", alert("firing", "b1", "eu-2", "critical")).replace("HighErrorRate\\\"}", "Other\\\"}"));
        assertThat(AlertmanagerIngest.plan(source, other, List.of(open)).open()).extracting(AlertmanagerIngest.Opening::key)
                .containsExactly(AlertmanagerIngest.STORM);
    }

    @Test
    void theSequenceIsReadAlsoFromAnUnguessableName() {
        assertThat(AlertSourceIncidents.sequenceOf("platform-am-3f2a9c1b7d6e5a40-2")).isEqualTo(2);
        assertThat(AlertSourceIncidents.sequenceOf("platform-am-3f2a9c1b7d6e5a40-4-0a1b2c3d4e5f")).isEqualTo(4);
    }

    @Test
    void whatIsNotAlertmanagersWebhookIsRefused() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(AlertmanagerPayload.Malformed.class);
        assertThatThrownBy(() -> parse("{\"status\":\"firing\"}")).hasMessageContaining("no status or alerts");
        assertThatThrownBy(() -> parse(body("firing", "{\"status\":\"firing\",\"labels\":{}}"))).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> parse(body("firing").replace("\"version\":\"4\"", "\"version\":\"3\""))).hasMessageContaining("version 3");
        assertThat(AlertmanagerIngest.alertKey("not/a label value")).startsWith("g").hasSize(17);
        assertThat(AlertmanagerIngest.alertKey("storm")).as("no alert takes the storm's place").isNotEqualTo("storm");
    }
}
