package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.OnCallScheduleSpec;
import dev.klaxon.api.v1alpha1.RotationLayer;
import dev.klaxon.api.v1alpha1.ScheduleOverride;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Schedules on the real API server with the packaged operator: status kept current by a timer at each hand-off. */
@OperatorTest(namespace = "oncall")
class OnCallScheduleIT {

    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    private static OnCallSchedule schedule(String name, String timeZone) {
        RotationLayer layer = new RotationLayer();
        layer.setName("primary");
        layer.setUsers(List.of("alice@example.com", "bob@example.com"));
        layer.setRotation(RotationLayer.Rotation.Weekly);
        layer.setStart(LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString());
        layer.setHandoffTime("00:00");
        OnCallScheduleSpec spec = new OnCallScheduleSpec();
        spec.setTimeZone(timeZone);
        spec.setLayers(new ArrayList<>(List.of(layer)));
        OnCallSchedule schedule = new OnCallSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        schedule.setSpec(spec);
        return schedule;
    }

    private static ScheduleOverride override(String user, Instant start, Instant end) {
        ScheduleOverride override = new ScheduleOverride();
        override.setUser(user);
        override.setStart(start.toString());
        override.setEnd(end.toString());
        return override;
    }

    @Test
    void theStatusFollowsAnOverrideAtItsStartAndEndWithoutAnyChangeToTheObject() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6);
        Instant end = start.plusSeconds(5);
        OnCallSchedule schedule = schedule("covered", "UTC");
        schedule.getSpec().setOverrides(List.of(override("carol@example.com", start, end)));
        admin.resource(schedule).create();

        Await.ready(admin, OnCallSchedule.class, namespace, "covered", Condition.Status.True);
        OnCallSchedule before = admin.resource(schedule).get();
        assertThat(before.getStatus().getOnCallNow()).isEqualTo("alice@example.com");
        assertThat(before.getStatus().getOnCallSource()).isEqualTo("layer primary");
        assertThat(before.getStatus().getNextHandoff()).isEqualTo(start.toString());
        assertThat(before.getStatus().getNextOnCall()).isEqualTo("carol@example.com");
        assertThat(before.getStatus().getUpcoming()).extracting(s -> s.getUser()).startsWith("alice@example.com", "carol@example.com",
                "alice@example.com");
        assertThat(Users.plugin(namespace, null, 0, "oncall", "covered")).contains("on call now: alice@example.com (layer primary)")
                .contains("next hand-off: " + start + " to carol@example.com");
        assertThat(Users.plugin(namespace, null, 0, "oncall", "covered", "--at", start.plusSeconds(2).toString()))
                .contains("carol@example.com (override)");
        assertThat(Users.plugin(namespace, null, 1, "oncall", "covered", "--at", "2099-01-01T00:00:00Z"))
                .contains("outside the published shifts");

        // Nothing touches the object: only the operator's own timer can make these changes.
        OnCallSchedule during = Awaitility.await("carol on call").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.resource(schedule).get(), s -> "carol@example.com".equals(s.getStatus().getOnCallNow()));
        assertThat(Instant.now()).as("seen while the override lasts").isBefore(end);
        assertThat(during.getStatus().getNextHandoff()).isEqualTo(end.toString());
        Awaitility.await("alice back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.resource(schedule).get(), s -> "alice@example.com".equals(s.getStatus().getOnCallNow()));
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems()).filteredOn(e -> "Handoff".equals(e.getReason()))
                .extracting(e -> e.getMessage()).anySatisfy(m -> assertThat(m).contains("carol@example.com is on call (override)"));
    }

    @Test
    void anUnknownTimeZoneIsReportedOnTheObject() {
        admin.resource(schedule("lost", "Mars/Olympus_Mons")).create();

        Condition notReady = Await.ready(admin, OnCallSchedule.class, namespace, "lost", Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("InvalidSchedule");
        assertThat(notReady.getMessage()).contains("spec.timeZone Mars/Olympus_Mons");
    }

    @Test
    void theApiServerRefusesAnOverrideEndingBeforeItStartsAndACustomRotationWithoutLength() {
        OnCallSchedule backwards = schedule("backwards", "UTC");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        backwards.getSpec().setOverrides(List.of(override("carol@example.com", now, now.minusSeconds(60))));
        assertThatThrownBy(() -> admin.resource(backwards).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("an override must end after it starts");

        OnCallSchedule custom = schedule("custom", "UTC");
        custom.getSpec().getLayers().get(0).setRotation(RotationLayer.Rotation.Custom);
        assertThatThrownBy(() -> admin.resource(custom).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("a Custom rotation needs a length");
    }
}
