package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.SupportHours;
import dev.klaxon.api.v1alpha1.TimeRestriction;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Support hours on the real operator and API server: the policy's window opens at the next whole
 * minute, so a SEV4 opened now is outside it and waits for it, while a SEV1 pages at once.
 */
@OperatorTest(namespace = "support-hours")
class SupportHoursIT {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    private static TestReceiver pager;

    @BeforeAll
    static void start() {
        pager = new TestReceiver();
        Channels.webhook(admin, namespace, "pager", pager.url("/page"), 600);
    }

    @AfterAll
    static void stop() {
        if (pager != null) {
            pager.close();
        }
    }

    private static Incident open(String name, Severity severity) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("Disk filling on " + name);
        spec.setSeverity(severity);
        spec.setEscalationPolicyRef("office-hours");
        incident.setSpec(spec);
        return admin.resource(incident).create();
    }

    private static List<NotificationRecord> pages(String name) {
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName(name).get();
        return incident.getStatus() == null || incident.getStatus().getNotifications() == null ? List.of() : incident.getStatus().getNotifications();
    }

    @Test
    void aSev4OutsideTheHoursWaitsForTheWindowWhileASev1PagesAtOnce() {
        // The window opens at the next whole minute (at least 15 s away, so the SEV4 surely opens before it) for two hours, every day, UTC.
        Instant opens = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        LocalTime start = LocalTime.ofInstant(opens, ZoneOffset.UTC);
        TimeRestriction window = new TimeRestriction();
        window.setStart(start.format(HH_MM));
        window.setEnd(start.plusHours(2).format(HH_MM));
        SupportHours hours = new SupportHours();
        hours.setTimeZone("UTC");
        hours.setWindows(List.of(window));
        hours.setSeverities(List.of(Severity.SEV4, Severity.SEV5));
        EscalationPolicy policy = Policies.oneLevel(namespace, "office-hours", List.of("carol@example.com"), List.of("pager"));
        policy.getSpec().setSupportHours(hours);
        admin.resource(policy).create();

        open("disk-low", Severity.SEV4);
        open("disk-full", Severity.SEV1);

        Incident waiting = Awaitility.await("the SEV4 recorded, its page deferred").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withName("disk-low").get(),
                        i -> i.getStatus() != null && i.getStatus().getPagingDeferredUntil() != null);
        assertThat(waiting.getStatus().getPagingDeferredUntil()).isEqualTo(Timestamps.format(opens));
        assertThat(waiting.getStatus().getPagingDeferredFor()).isEqualTo(dev.klaxon.api.v1alpha1.PagingDeferral.SupportHours);
        assertThat(waiting.getStatus().getTimeline()).anySatisfy(entry -> assertThat(entry.getMessage())
                .contains("outside the support hours of EscalationPolicy office-hours pages when they begin"));
        assertThat(waiting.getStatus().getSla()).as("the incident itself is recorded as usual").isNotNull();
        Awaitility.await("the SEV1 paged at once").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> pages("disk-full").stream().anyMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered));
        assertThat(pages("disk-low")).as("nobody paged about the SEV4 before the window").isEmpty();

        Awaitility.await("the SEV4 paged once the window opened").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> pages("disk-low").stream().anyMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered));
        Instant paged = Instant.now();
        assertThat(paged).isAfterOrEqualTo(opens);
        System.out.printf("support hours: the SEV4 was paged %d ms after its window opened%n", Duration.between(opens, paged).toMillis());
        Incident after = admin.resources(Incident.class).inNamespace(namespace).withName("disk-low").get();
        assertThat(after.getStatus().getPagingDeferredUntil()).isNull();
        assertThat(Timestamps.parse(after.getStatus().getEscalation().getStartedAt())).as("its levels count from the window").isAfterOrEqualTo(opens);
    }
}
