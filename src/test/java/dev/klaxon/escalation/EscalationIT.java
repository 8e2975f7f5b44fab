package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.OnCallScheduleSpec;
import dev.klaxon.api.v1alpha1.RotationLayer;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.Users;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.api.v1alpha1.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An unacknowledged incident climbs its escalation policy on the real API server, and an acknowledgement stops it. */
@OperatorTest(namespace = "escalation")
class EscalationIT {

    private static final Duration DELAY = Duration.ofSeconds(4);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static dev.klaxon.testing.OperatorProcess operator;

    /** The channel every level pages through; it does not exist here: the climb is what this test watches. */
    private static final String PAGER = "pager";

    private static EscalationLevel level(List<String> users, List<String> schedules) {
        EscalationTargets targets = new EscalationTargets();
        targets.setUsers(users);
        targets.setSchedules(schedules);
        targets.setChannels(List.of(PAGER));
        EscalationLevel level = new EscalationLevel();
        level.setDelay(DELAY.toSeconds() + "s");
        level.setTargets(targets);
        return level;
    }

    @Test
    void anUnacknowledgedSev1ClimbsTwoLevelsAtTheirDelaysAndStopsOnAck() {
        RotationLayer layer = new RotationLayer();
        layer.setName("primary");
        layer.setUsers(List.of("carol@example.com"));
        layer.setRotation(RotationLayer.Rotation.Weekly);
        layer.setStart(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        OnCallScheduleSpec scheduleSpec = new OnCallScheduleSpec();
        scheduleSpec.setTimeZone("UTC");
        scheduleSpec.setLayers(List.of(layer));
        OnCallSchedule schedule = new OnCallSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName("platform").withNamespace(namespace).build());
        schedule.setSpec(scheduleSpec);
        admin.resource(schedule).create();
        Awaitility.await("schedule resolved").atMost(Duration.ofSeconds(60))
                .until(() -> admin.resource(schedule).get().getStatus(), s -> s != null && "carol@example.com".equals(s.getOnCallNow()));

        EscalationPolicySpec spec = new EscalationPolicySpec();
        spec.setLevels(List.of(level(null, List.of("platform")), level(List.of("dave@example.com"), null),
                level(List.of("vp@example.com"), null), level(List.of("ceo@example.com"), null),
                level(List.of("board@example.com"), null)));
        EscalationTargets executives = new EscalationTargets();
        executives.setUsers(List.of("cto@example.com"));
        executives.setChannels(List.of(PAGER));
        spec.setExecutives(executives);
        EscalationPolicy policy = new EscalationPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("platform").withNamespace(namespace).build());
        policy.setSpec(spec);
        admin.resource(policy).create();

        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("paging");
        incident.getSpec().setSeverity(Severity.SEV1);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("platform");
        admin.resource(incident).create();

        Incident third = Awaitility.await("level 3").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getEscalation() != null
                        && Integer.valueOf(3).equals(i.getStatus().getEscalation().getLevel()));
        List<TimelineEntry> escalated = third.getStatus().getTimeline().stream().filter(e -> e.getType().equals("Escalated")).toList();
        assertThat(escalated).extracting(TimelineEntry::getMessage).satisfiesExactly(
                m -> assertThat(m).startsWith("Level 1 of platform: paging carol@example.com (on call in platform)"),
                m -> assertThat(m).startsWith("Level 2 of platform: paging dave@example.com"),
                m -> assertThat(m).startsWith("Level 3 of platform: paging vp@example.com"));
        Instant detected = Instant.parse(third.getStatus().getDetectedAt());
        for (int level = 2; level <= 3; level++) {
            Duration after = Duration.between(detected, Instant.parse(escalated.get(level - 1).getTime()));
            assertThat(after).as("level " + level + " never early").isGreaterThanOrEqualTo(DELAY.multipliedBy(level - 1));
            assertThat(after).as("level " + level + " at its delay, not at some later event")
                    .isLessThan(DELAY.multipliedBy(level - 1).plusSeconds(3));
        }
        assertThat(third.getStatus().getTimeline()).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("ExecutivesNotified");
            assertThat(e.getMessage()).contains("cto@example.com", "SEV1");
        });

        assertThat(Users.plugin(namespace, null, 0, "ack", "paging")).contains("Detected -> Acknowledged");

        Incident acknowledged = Awaitility.await("stopped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus().getEscalation().getStopped() != null);
        assertThat(acknowledged.getStatus().getEscalation().getStopped()).isEqualTo("acknowledged");
        assertThat(acknowledged.getStatus().getEscalation().getNextAt()).isNull();
        int level = acknowledged.getStatus().getEscalation().getLevel();
        assertThat(level).isBetween(3, 4);
        // Past the time the next level would have been due, nobody else was paged.
        Awaitility.await("no further level").during(DELAY.plusSeconds(1)).atMost(DELAY.plusSeconds(5))
                .until(() -> admin.resource(incident).get().getStatus().getEscalation().getLevel() == level);
        List<TimelineEntry> timeline = admin.resource(incident).get().getStatus().getTimeline();
        assertThat(timeline).filteredOn(e -> e.getType().equals("EscalationStopped"))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("acknowledged"));
        assertThat(timeline).filteredOn(e -> e.getType().equals("Escalated")).as("one page per level reached, none after the ack")
                .hasSize(level);
    }

    @Test
    void aPageItsChannelCannotDeliverGoesThroughTheFallbackAndOneThatReachesNobodySaysSo() {
        TestReceiver backup = new TestReceiver();
        try {
            Channels.webhook(admin, namespace, "backup", backup.url("/backup"), 600);
            // The level's own channel does not exist: its page fails at once, for good.
            EscalationPolicy withFallback = Policies.oneLevel(namespace, "with-fallback", List.of("erin@example.com"), List.of("gone"));
            withFallback.getSpec().getLevels().get(0).setFallbackChannels(List.of("backup"));
            admin.resource(withFallback).create();
            admin.resource(Policies.oneLevel(namespace, "without-fallback", List.of("erin@example.com"), List.of("gone"))).create();

            admin.resource(incident("fell-back", "with-fallback")).create();
            admin.resource(incident("unheard", "without-fallback")).create();

            Awaitility.await("the fallback delivered the page").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> backup.accepted("/backup").stream().anyMatch(r -> r.body().contains("fell-back")));
            Incident fellBack = admin.resources(Incident.class).inNamespace(namespace).withName("fell-back").get();
            assertThat(fellBack.getStatus().getTimeline()).anySatisfy(entry -> {
                assertThat(entry.getType()).isEqualTo("PageFellBack");
                assertThat(entry.getMessage()).contains("could not be delivered via gone", "goes via backup");
            });
            assertThat(fellBack.getStatus().getNotifications()).filteredOn(r -> r.getChannel().equals("backup")).singleElement()
                    .satisfies(r -> assertThat(r.getRecipients()).containsExactly("erin@example.com"));
            assertThat(fellBack.getStatus().getConditions()).noneMatch(c -> "PageUndelivered".equals(c.getReason()));

            Condition unheard = Awaitility.await("the page that reached nobody is the incident's problem").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> Await.readyCondition(admin.resources(Incident.class).inNamespace(namespace)
                            .withName("unheard").get()).orElse(null), c -> c != null && "PageUndelivered".equals(c.getReason()));
            assertThat(unheard.getStatus()).isEqualTo(Condition.Status.False);
            assertThat(unheard.getMessage()).contains("reached no channel", "names no fallbackChannels");
            // The dashboard's panel reads this gauge: one open incident whose page reached nobody.
            Awaitility.await("the undelivered page on /q/metrics").atMost(Duration.ofSeconds(10))
                    .until(() -> operator.metric("klaxon_incidents_pages_undelivered"), v -> v == 1.0);
        } finally {
            backup.close();
        }
    }

    private static Incident incident(String name, String policy) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        dev.klaxon.api.v1alpha1.IncidentSpec spec = new dev.klaxon.api.v1alpha1.IncidentSpec();
        spec.setTitle("Queue backlog on " + name);
        spec.setSeverity(Severity.SEV3);
        spec.setEscalationPolicyRef(policy);
        incident.setSpec(spec);
        return incident;
    }
}
