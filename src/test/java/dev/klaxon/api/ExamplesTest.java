package dev.klaxon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every example reads into the model without losing a field (the CRD acceptance is CrdAdmissionIT). */
class ExamplesTest {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("AlertRule", AlertRule.class),
            Map.entry("Incident", Incident.class),
            Map.entry("Playbook", Playbook.class),
            Map.entry("PlaybookRun", PlaybookRun.class),
            Map.entry("OnCallSchedule", OnCallSchedule.class),
            Map.entry("EscalationPolicy", dev.klaxon.api.v1alpha1.EscalationPolicy.class),
            Map.entry("NotificationChannel", dev.klaxon.api.v1alpha1.NotificationChannel.class),
            Map.entry("StatusPage", dev.klaxon.api.v1alpha1.StatusPage.class),
            Map.entry("PostIncidentReview", dev.klaxon.api.v1alpha1.PostIncidentReview.class),
            Map.entry("AlertSource", dev.klaxon.api.v1alpha1.AlertSource.class),
            Map.entry("MaintenanceWindow", dev.klaxon.api.v1alpha1.MaintenanceWindow.class),
            Map.entry("ServiceDependency", dev.klaxon.api.v1alpha1.ServiceDependency.class),
            Map.entry("StatusPageSubscriber", dev.klaxon.api.v1alpha1.StatusPageSubscriber.class),
            Map.entry("ServiceLevelObjective", dev.klaxon.api.v1alpha1.ServiceLevelObjective.class));

    @Test
    void thereIsAnExampleOfEveryKind() {
        Set<String> kinds = ManifestFixtures.examples().stream().map(ExamplesTest::kindOf).collect(Collectors.toSet());

        assertThat(kinds).containsAll(KINDS.keySet());
    }

    @Test
    void everyExampleRoundTripsThroughTheModel() throws Exception {
        for (Path example : ManifestFixtures.examples()) {
            String yaml = Files.readString(example);
            Map<?, ?> original = Serialization.unmarshal(yaml, Map.class);
            HasMetadata typed = Serialization.unmarshal(yaml, KINDS.get(kindOf(example)));
            Map<?, ?> roundTripped = Serialization.unmarshal(Serialization.asYaml(typed), Map.class);

            assertPreserved(example.getFileName() + ": spec", original.get("spec"), roundTripped.get("spec"));
        }
    }

    @Test
    void theExampleRuleHasDesignDefaultsWhereItSaysNothing() {
        AlertRule latency = ManifestFixtures.example("alertrule-api-latency.yaml", AlertRule.class);

        assertThat(latency.getSpec().getInterval()).isEqualTo("30s");
        assertThat(latency.getSpec().getMatch()).isEqualTo(dev.klaxon.api.v1alpha1.AlertRuleSpec.Match.All);
    }

    /** Everything the manifest says survives; the model may add its documented defaults. */
    private static void assertPreserved(String path, Object original, Object actual) {
        if (original instanceof Map<?, ?> map) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            map.forEach((key, value) -> assertPreserved(path + "." + key, value, ((Map<?, ?>) actual).get(key)));
        } else if (original instanceof java.util.List<?> list) {
            assertThat(actual).as(path).isInstanceOf(java.util.List.class);
            assertThat((java.util.List<?>) actual).as(path).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertPreserved(path + "[" + i + "]", list.get(i), ((java.util.List<?>) actual).get(i));
            }
        } else if (original instanceof Number number) {
            assertThat(actual).as(path).isInstanceOf(Number.class);
            assertThat(((Number) actual).doubleValue()).as(path).isEqualTo(number.doubleValue());
        } else {
            assertThat(actual).as(path).isEqualTo(original);
        }
    }

    private static String kindOf(Path example) {
        try {
            return (String) Serialization.unmarshal(Files.readString(example), Map.class).get("kind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
