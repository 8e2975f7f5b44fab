package dev.klaxon.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What `kubectl apply` users hit first: the CRDs' schema and CEL rules on a real API server.
 * Every example is accepted; each bad manifest is refused with a message naming the field.
 */
class CrdAdmissionIT {

    private static KubernetesClient admin;
    private static String namespace;
    private static int counter;

    @BeforeAll
    static void cluster() {
        admin = TestCluster.get().admin();
        namespace = TestCluster.get().createNamespace("admission");
    }

    @Test
    void everyExampleIsAccepted() {
        for (var example : ManifestFixtures.examples()) {
            for (HasMetadata object : TestCluster.get().load(example, namespace)) {
                HasMetadata created = admin.resource(object).serverSideApply();
                assertThat(created.getMetadata().getUid()).as(example.getFileName().toString()).isNotBlank();
            }
        }
    }

    static Stream<Arguments> invalidManifests() {
        return Stream.of(
                bad("servicelevelobjective-checkout-availability.yaml", "an objective of 100 %", spec -> spec.put("objective", 100),
                        "objective is a percentage above 0 and below 100"),
                bad("servicelevelobjective-checkout-availability.yaml", "a window the operator does not count", spec -> spec.put("window", "90d"),
                        "spec.window: Invalid value: \"90d\""),
                bad("servicelevelobjective-checkout-availability.yaml", "both good and bad events",
                        spec -> sli(spec).put("good", "http_requests_total{code!~\"5..\"}"), "exactly one of good or bad"),
                bad("servicelevelobjective-checkout-availability.yaml", "an SLI expression without its window",
                        spec -> sli(spec).put("total", "sum(rate(http_requests_total[5m]))"),
                        "spec.sli.ratio.total: Invalid value: \"string\": a series selector of a counter"),
                bad("servicelevelobjective-checkout-availability.yaml", "a burn rate without a factor",
                        spec -> spec.put("alerting", Map.of("page", Map.of("burnRates", List.of(Map.of("longWindow", "1h", "shortWindow", "5m"))))),
                        "spec.alerting.page.burnRates[0].factor: Required value"),
                bad("servicedependency-payments.yaml", "a service that depends on itself",
                        spec -> spec.put("dependsOn", java.util.List.of("payments-db", "checkout")), "a service cannot depend on itself"),
                bad("escalationpolicy-platform.yaml", "a correlation without labels",
                        spec -> spec.put("correlation", new java.util.HashMap<>(Map.of("window", "15m"))), "spec.correlation.labels: Required value"),
                bad("alertrule-api-latency.yaml", "AlertRule without severity", spec -> spec.remove("severity"),
                        "spec.severity: Required value"),
                bad("alertrule-api-latency.yaml", "unknown severity", spec -> spec.put("severity", "SEV9"),
                        "spec.severity: Unsupported value: \"SEV9\""),
                bad("alertrule-api-latency.yaml", "unknown category", spec -> spec.put("category", "outage"),
                        "spec.category: Unsupported value: \"outage\""),
                bad("alertrule-api-latency.yaml", "interval that is not a duration", spec -> spec.put("interval", "5 minutes"),
                        "spec.interval: Invalid value: \"5 minutes\""),
                bad("alertrule-api-latency.yaml", "a string where the threshold number belongs",
                        spec -> condition(spec, 0).put("threshold", "high"), "spec.conditions[0].threshold: Invalid value: \"string\""),
                bad("alertrule-api-latency.yaml", "no conditions", spec -> spec.put("conditions", List.of()),
                        "spec.conditions: Invalid value: 0: spec.conditions in body should have at least 1 items"),
                bad("alertrule-api-latency.yaml", "eleven conditions", spec -> spec.put("conditions", copies(condition(spec, 0), 11)),
                        "spec.conditions: Too many: 11: must have at most 10 items"),
                bad("alertrule-api-latency.yaml", "Threshold condition without operator", spec -> condition(spec, 0).remove("operator"),
                        "spec.conditions[0]: Required value: operator and threshold are required unless type is Absence"),
                bad("alertrule-provider-down.yaml", "RateOfChange without window", spec -> condition(spec, 1).remove("window"),
                        "spec.conditions[1].window: Required value: window is required for type RateOfChange and Anomaly"),
                bad("alertrule-api-error-rate.yaml", "severity Auto without classification", spec -> spec.remove("classification"),
                        "spec.classification: Required value: severity Auto needs spec.classification"),
                bad("alertrule-api-latency.yaml", "runbook that is not a URL", spec -> spec.put("runbookUrl", "see wiki"),
                        "spec.runbookUrl: Invalid value: \"see wiki\""),
                bad("playbook-api-high-error-rate.yaml", "duplicate step names", spec -> step(spec, 2).put("name", "rollback-deployment"),
                        "spec.steps: Invalid value: \"array\": step names must be unique, repeated: rollback-deployment"),
                bad("playbook-api-high-error-rate.yaml", "no steps", spec -> spec.put("steps", List.of()),
                        "spec.steps: Invalid value: 0: spec.steps in body should have at least 1 items"),
                bad("playbook-api-high-error-rate.yaml", "51 steps", spec -> spec.put("steps", numberedSteps(step(spec, 0), 51)),
                        "spec.steps: Too many: 51: must have at most 50 items"),
                bad("playbook-api-high-error-rate.yaml", "step name that is not a DNS label", spec -> step(spec, 0).put("name", "Check_Deploys"),
                        "spec.steps[0].name: Invalid value: \"Check_Deploys\""),
                bad("playbook-api-high-error-rate.yaml", "step timeout that is not a duration", spec -> step(spec, 0).put("timeout", "ten minutes"),
                        "spec.steps[0].timeout: Invalid value: \"ten minutes\""),
                bad("playbook-api-high-error-rate.yaml", "step without image", spec -> step(spec, 0).remove("image"),
                        "spec.steps[0].image: Required value"),
                bad("incident-checkout-outage.yaml", "incident without title", spec -> spec.remove("title"),
                        "spec.title: Required value"),
                bad("incident-checkout-outage.yaml", "unknown phase", spec -> spec.put("phase", "Done"),
                        "spec.phase: Unsupported value: \"Done\""),
                bad("incident-checkout-outage.yaml", "unknown responder role", spec -> responders(spec).get(0).put("role", "boss"),
                        "spec.responders[0].role: Unsupported value: \"boss\""),
                bad("incident-checkout-outage.yaml", "negative users estimate",
                        spec -> ((Map<String, Object>) spec.get("impact")).put("affectedUsersEstimate", -5),
                        "spec.impact.affectedUsersEstimate: Invalid value: -5"),
                bad("playbookrun-rollback.yaml", "run without playbookRef", spec -> spec.remove("playbookRef"),
                        "spec.playbookRef: Required value"),
                bad("playbookrun-rollback.yaml", "parameters differing only in case",
                        spec -> spec.put("parameters", Map.of("replicas", "3", "REPLICAS", "30")),
                        "parameter names must differ in more than case"),
                bad("escalationpolicy-platform.yaml", "a delay that would overflow", spec -> level(spec, 0).put("delay", "99999999999w"),
                        "spec.levels[0].delay: Invalid value: \"99999999999w\""),
                bad("oncallschedule-platform.yaml", "a rotation length past any int",
                        spec -> ((List<Map<String, Object>>) spec.get("layers")).get(0).putAll(Map.of("rotation", "Custom", "length", "2147483648d")),
                        "spec.layers[0].length: Invalid value: \"2147483648d\""),
                bad("escalationpolicy-platform.yaml", "a level that names people but no channel to reach them",
                        spec -> ((Map<String, Object>) level(spec, 1).get("targets")).remove("channels"),
                        "spec.levels[1].targets.channels: Required value: name at least one channel"),
                bad("escalationpolicy-platform.yaml", "executives without a channel",
                        spec -> ((Map<String, Object>) spec.get("executives")).remove("channels"),
                        "spec.executives.channels: Required value: name at least one channel"),
                bad("incident-checkout-outage.yaml", "an update time that is not RFC 3339",
                        spec -> ((List<Map<String, Object>>) spec.get("updates")).get(0).put("time", "yesterday at noon"),
                        "spec.updates[0].time: Invalid value: \"yesterday at noon\""),
                bad("playbook-api-high-error-rate.yaml", "rollback without its own command or args",
                        spec -> ((Map<String, Object>) ((List<Map<String, Object>>) spec.get("steps")).get(1).get("rollback")).remove("args"),
                        "a rollback needs its own command or args"),
                // A tenant once crashed the operator with 300 incidents carrying 1.3 MB of description each.
                bad("incident-checkout-outage.yaml", "a description of 1.3 MB", spec -> spec.put("description", "x".repeat(1_300_000)),
                        "spec.description: Too long: may not be more than 4096 bytes"),
                bad("incident-checkout-outage.yaml", "a root cause past the bound", spec -> spec.put("rootCause", "x".repeat(4097)),
                        "spec.rootCause: Too long: may not be more than 4096 bytes"),
                bad("incident-checkout-outage.yaml", "an update author past the bound",
                        spec -> ((List<Map<String, Object>>) spec.get("updates")).get(0).put("author", "x".repeat(254)),
                        "spec.updates[0].author: Too long: may not be more than 253 bytes"),
                bad("notificationchannel-slack.yaml", "an email host past the bound",
                        spec -> spec.put("email", Map.of("to", List.of("a@example.com"), "from", "b@example.com", "host", "h".repeat(254))),
                        "spec.email.host: Too long: may not be more than 253 bytes"),
                bad("incident-checkout-outage.yaml", "a source label name past the bound",
                        spec -> spec.put("source", Map.of("alertRule", "r", "labels", Map.of("n".repeat(129), "v"))),
                        "spec.source.labels: Invalid value: \"object\": names have at most 128 characters"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidManifests")
    void invalidManifestsAreRefusedNamingTheField(String example, String description, Consumer<Map<String, Object>> breakIt,
                                                  String expectedMessage) {
        GenericKubernetesResource manifest = manifest(example);
        breakIt.accept(spec(manifest));

        var refused = catchThrowableOfType(KubernetesClientException.class, () -> ops(manifest).create());

        assertThat(refused).as(description + " must be refused").isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getStatus().getMessage()).contains(expectedMessage);
    }

    @Test
    void theSourceOfAnIncidentCannotChange() {
        GenericKubernetesResource incident = manifest("incident-checkout-outage.yaml");
        spec(incident).put("source", new HashMap<>(Map.of("alertRule", "api-error-rate", "fingerprint", "abc123", "value", "0.31")));
        ops(incident).create();

        assertRefused(incident, spec -> ((Map<String, Object>) spec.get("source")).put("value", "0.01"),
                "spec.source: Invalid value: \"object\": spec.source is set when the incident is created and cannot be added, changed or removed");
        assertRefused(incident, spec -> spec.remove("source"), "spec.source is set when the incident is created");
    }

    @Test
    void integersInStatusAreBoundedToo() {
        GenericKubernetesResource incident = ops(manifest("incident-checkout-outage.yaml")).create();

        var refused = catchThrowableOfType(KubernetesClientException.class, () -> ops(incident).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"escalation\":{\"level\":2147483647}}}"));

        assertThat(refused).as("a level past any policy's").isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getStatus().getMessage()).contains("status.escalation.level");
    }

    @Test
    void aSourceCannotBeAddedLater() {
        GenericKubernetesResource incident = ops(manifest("incident-checkout-outage.yaml")).create();

        assertRefused(incident, spec -> spec.put("source", new HashMap<>(Map.of("alertRule", "forged"))),
                "spec.source is set when the incident is created");
    }

    @Test
    void phasesMoveForwardResolvedReopensAndClosedIsFinal() {
        GenericKubernetesResource incident = manifest("incident-checkout-outage.yaml");
        spec(incident).put("phase", "Detected");
        incident = ops(incident).create();

        incident = setPhase(incident, "Mitigating");
        assertRefused(incident, spec -> spec.put("phase", "Acknowledged"),
                "spec.phase: Forbidden: illegal phase change Mitigating -> Acknowledged");
        incident = setPhase(incident, "Resolved");
        incident = setPhase(incident, "Investigating");
        incident = setPhase(incident, "Closed");
        assertRefused(incident, spec -> spec.put("phase", "Investigating"),
                "spec.phase: Forbidden: illegal phase change Closed -> Investigating");
    }

    @Test
    void detectedMayJumpToClosedButNotComeBack() {
        GenericKubernetesResource incident = manifest("incident-checkout-outage.yaml");
        spec(incident).put("phase", "Detected");
        incident = setPhase(ops(incident).create(), "Closed");

        assertRefused(incident, spec -> spec.put("phase", "Investigating"), "illegal phase change Closed -> Investigating");
    }

    @Test
    void approvalsAreAppendOnlyAndThePlaybookRefIsImmutable() {
        GenericKubernetesResource run = manifest("playbookrun-rollback.yaml");
        spec(run).put("approvals", List.of(approval("rollback-deployment", "alice@example.com")));
        run = ops(run).create();

        run = update(run, spec -> spec.put("approvals", List.of(approval("rollback-deployment", "alice@example.com"),
                approval("wait-for-rollout", "bob@example.com"))));
        assertThat((List<?>) spec(run).get("approvals")).hasSize(2);

        assertRefused(run, spec -> ((List<Map<String, Object>>) spec.get("approvals")).get(0).put("approvedBy", "mallory@example.com"),
                "spec.approvals: Forbidden: spec.approvals is append-only");
        assertRefused(run, spec -> spec.remove("approvals"), "spec.approvals is append-only");
        assertRefused(run, spec -> spec.put("playbookRef", "other-playbook"), "spec.playbookRef: Forbidden: spec.playbookRef is immutable");
        assertRefused(run, spec -> spec.put("incidentRef", "other-incident"), "spec.incidentRef: Forbidden: spec.incidentRef is immutable");
    }

    @Test
    void aRunsParametersAreFixedWhenItIsCreated() {
        GenericKubernetesResource run = manifest("playbookrun-rollback.yaml");
        run.getMetadata().setName("fixed-parameters");
        run = ops(run).create();

        // An approval is given for a run with these parameters: "shop" cannot become "payments" after it.
        assertRefused(run, spec -> spec.put("parameters", Map.of("NAMESPACE", "payments")),
                "spec.parameters: Forbidden: spec.parameters is immutable");
        assertRefused(run, spec -> spec.remove("parameters"), "spec.parameters is immutable");
        assertRefused(run, spec -> ((Map<String, Object>) spec.get("parameters")).put("EXTRA", "x"), "spec.parameters is immutable");
    }

    @Test
    void defaultsAreAppliedByTheApiServer() {
        GenericKubernetesResource rule = ops(manifest("alertrule-api-latency.yaml")).create();
        Map<String, Object> spec = spec(rule);

        assertThat(spec.get("interval")).isEqualTo("30s");
        assertThat(spec.get("match")).isEqualTo("All");
        assertThat(spec.get("autoResolve")).isEqualTo(Map.of("enabled", true, "after", "5m"));
        assertThat(condition(spec, 0).get("type")).isEqualTo("Threshold");

        GenericKubernetesResource playbook = ops(manifest("playbook-api-high-error-rate.yaml")).create();
        assertThat(step(spec(playbook), 0)).containsEntry("timeout", "2m").containsEntry("requiresApproval", false);
        assertThat(step(spec(playbook), 1)).containsEntry("requiresApproval", true).containsEntry("continueOnFailure", false);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Arguments bad(String example, String description, Consumer<Map<String, Object>> breakIt, String message) {
        return Arguments.of(example, description, breakIt, message);
    }

    /** The example as an untyped object (so it can be broken in ways the model cannot express), uniquely named. */
    private static GenericKubernetesResource manifest(String example) {
        try {
            GenericKubernetesResource resource = Serialization.unmarshal(
                    Files.readString(ManifestFixtures.EXAMPLES.resolve(example)), GenericKubernetesResource.class);
            resource.getMetadata().setNamespace(namespace);
            resource.getMetadata().setName(resource.getMetadata().getName() + "-" + (++counter));
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> spec, int index) {
        return ((List<Map<String, Object>>) spec.get("conditions")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> level(Map<String, Object> spec, int index) {
        return ((List<Map<String, Object>>) spec.get("levels")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> spec, int index) {
        return ((List<Map<String, Object>>) spec.get("steps")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> responders(Map<String, Object> spec) {
        return (List<Map<String, Object>>) spec.get("responders");
    }

    private static List<Map<String, Object>> copies(Map<String, Object> item, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new HashMap<>(item));
        }
        return items;
    }

    private static List<Map<String, Object>> numberedSteps(Map<String, Object> step, int count) {
        List<Map<String, Object>> steps = copies(step, count);
        for (int i = 0; i < count; i++) {
            steps.get(i).put("name", "step-" + i);
        }
        return steps;
    }

    private static Map<String, Object> approval(String step, String by) {
        return new HashMap<>(Map.of("step", step, "approvedBy", by));
    }

    private static GenericKubernetesResource setPhase(GenericKubernetesResource incident, String phase) {
        return update(incident, spec -> spec.put("phase", phase));
    }

    private static GenericKubernetesResource update(GenericKubernetesResource resource, Consumer<Map<String, Object>> change) {
        GenericKubernetesResource copy = fresh(resource);
        change.accept(spec(copy));
        return ops(copy).update();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sli(Map<String, Object> spec) {
        return (Map<String, Object>) ((Map<String, Object>) spec.get("sli")).get("ratio");
    }

    private static void assertRefused(GenericKubernetesResource resource, Consumer<Map<String, Object>> change, String message) {
        GenericKubernetesResource copy = fresh(resource);
        change.accept(spec(copy));
        assertThatThrownBy(() -> ops(copy).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains(message);
                });
    }

    /** Untyped access, found through API discovery like kubectl does. */
    private static io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> ops(GenericKubernetesResource resource) {
        return admin.genericKubernetesResources(resource.getApiVersion(), resource.getKind()).inNamespace(namespace).resource(resource);
    }

    private static GenericKubernetesResource fresh(GenericKubernetesResource resource) {
        return ops(resource).get();
    }
}
