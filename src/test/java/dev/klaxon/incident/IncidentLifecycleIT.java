package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.ChangeNote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The incident record kept by the packaged operator, with a SEV2 response target of 4 seconds. */
@OperatorTest(namespace = "lifecycle", settings = "-Dklaxon.sla.sev2.response=4s")
class IncidentLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static int counter;

    @Test
    void anUnacknowledgedIncidentBreachesAtItsResponseTargetByItsOwnTimer() {
        Incident incident = incident(Severity.SEV2, IncidentPhase.Detected);
        admin.resource(incident).create();

        Incident breached = Awaitility.await("breach").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(),
                        i -> i.getStatus() != null && i.getStatus().getSla() != null && Boolean.TRUE.equals(i.getStatus().getSla().getBreached()));

        Instant due = Timestamps.parse(breached.getStatus().getSla().getResponseDueAt());
        assertThat(due).isEqualTo(Timestamps.parse(breached.getStatus().getDetectedAt()).plusSeconds(4));
        TimelineEntry entry = breached.getStatus().getTimeline().stream().filter(e -> e.getType().equals("SlaBreached")).findFirst().orElseThrow();
        assertThat(Timestamps.parse(entry.getTime())).isBetween(due, due.plusSeconds(2));
        assertThat(entry.getMessage()).isEqualTo("not acknowledged in time (response target 4s for SEV2)");
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems()).anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo(incident.getMetadata().getName());
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("SlaBreached");
        });
        assertThat(operator.metric("klaxon_incident_sla_breaches_total{severity=\"SEV2\"}")).isGreaterThanOrEqualTo(1);
        assertThat(operator.metric("klaxon_incidents_open{category=\"availability\",severity=\"SEV2\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWalkFromDetectedToClosedRecordsEveryMove() {
        Incident incident = incident(Severity.SEV3, IncidentPhase.Detected);
        admin.resource(incident).create();
        awaitPhase(incident, IncidentPhase.Detected);

        for (IncidentPhase phase : List.of(IncidentPhase.Acknowledged, IncidentPhase.Identified, IncidentPhase.Mitigating,
                IncidentPhase.Resolved, IncidentPhase.Closed)) {
            Incident current = admin.resource(incident).get();
            String from = current.getSpec().getPhase().name();
            current.getMetadata().setAnnotations(Map.of(ChangeNote.PHASE,
                    new ChangeNote(from, phase.name(), "alice@example.com", "walking the lifecycle").toJson()));
            current.getSpec().setPhase(phase);
            admin.resource(current).update();
            awaitPhase(incident, phase);
        }

        var status = admin.resource(incident).get().getStatus();
        assertThat(List.of(status.getAcknowledgedAt(), status.getIdentifiedAt(), status.getMitigatedAt(), status.getResolvedAt(),
                status.getClosedAt())).doesNotContainNull();
        assertThat(status.getMttaSeconds()).isNotNull().isLessThanOrEqualTo(status.getMttiSeconds());
        assertThat(status.getMttrSeconds()).isGreaterThanOrEqualTo(status.getMttiSeconds());
        assertThat(status.getTimeline()).filteredOn(e -> e.getType().equals("PhaseChanged"))
                .extracting(TimelineEntry::getMessage)
                .containsExactly("Detected -> Acknowledged: walking the lifecycle", "Acknowledged -> Identified: walking the lifecycle",
                        "Identified -> Mitigating: walking the lifecycle", "Mitigating -> Resolved: walking the lifecycle",
                        "Resolved -> Closed: walking the lifecycle");
        assertThat(status.getTimeline()).filteredOn(e -> e.getType().equals("PhaseChanged"))
                .extracting(TimelineEntry::getAuthor).containsOnly("alice@example.com");
        assertThat(status.getRequiredRoles()).containsExactly("technical_lead", "subject_matter_expert", "responder");
        assertThat(status.getSla().getBreached()).isFalse();
        assertThat(operator.metric("klaxon_incident_mtta_seconds_count{severity=\"SEV3\"}")).isGreaterThanOrEqualTo(1);
        assertThat(operator.metric("klaxon_incident_mttr_seconds_count{severity=\"SEV3\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void thePluginWorksAnIncidentAsTheCurrentKubectlUser() {
        Incident incident = incident(Severity.SEV3, IncidentPhase.Detected);
        incident.getSpec().setResponders(null);
        incident.getSpec().setUpdates(null);
        incident.getSpec().setCommander(null);
        admin.resource(incident).create();
        String name = incident.getMetadata().getName();
        awaitPhase(incident, IncidentPhase.Detected);

        assertThat(plugin(0, "ack", name)).contains("Detected -> Acknowledged");
        awaitPhase(incident, IncidentPhase.Acknowledged);
        plugin(0, "assign", name, "incident_commander", "alice@example.com");
        plugin(0, "assign", name, "technical_lead", "bob@example.com");
        plugin(0, "note", name, "Rolled back \"api\"; error rate $(falling)\nnext update in 30m", "--public");
        plugin(0, "status", name, "Mitigating");
        awaitPhase(incident, IncidentPhase.Mitigating);
        plugin(0, "resolve", name);
        awaitPhase(incident, IncidentPhase.Resolved);
        plugin(0, "close", name);
        Incident closed = awaitPhase(incident, IncidentPhase.Closed);

        assertThat(closed.getSpec().getCommander()).isEqualTo("alice@example.com");
        assertThat(closed.getSpec().getResponders()).extracting(r -> r.getName() + "/" + r.getRole())
                .containsExactly("alice@example.com/incident_commander", "bob@example.com/technical_lead");
        assertThat(closed.getSpec().getUpdates()).singleElement().satisfies(u -> {
            assertThat(u.getMessage()).isEqualTo("Rolled back \"api\"; error rate $(falling)\nnext update in 30m");
            assertThat(u.getAuthor()).isEqualTo("klaxon-admin");
            assertThat(u.getPublic()).isTrue();
            assertThat(u.getTime()).isNotNull();
        });
        assertThat(closed.getStatus().getTimeline()).filteredOn(e -> e.getType().equals("PhaseChanged"))
                .extracting(TimelineEntry::getAuthor).containsOnly("klaxon-admin").hasSize(4);
        assertThat(closed.getStatus().getMttaSeconds()).isNotNull();
        assertThat(closed.getStatus().getMissingRoles()).containsExactly("subject_matter_expert", "responder");

        assertThat(Awaitility.await().atMost(WAIT).until(() -> admin.v1().events().inNamespace(namespace).list().getItems().stream()
                        .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList(),
                reasons -> reasons.containsAll(List.of("Opened", "Acknowledged", "PhaseChanged", "Resolved", "Closed"))))
                .isNotEmpty();
        assertThat(plugin(1, "status", name, "Investigating")).as("refused before anything is sent")
                .contains("is Closed: it cannot move back to Investigating");
        assertThat(plugin(1, "ack", "no-such-incident")).contains("incident no-such-incident not found");
    }

    @Test
    void theReportSummarisesThePeriodFromTheIncidents() {
        // A namespace no operator watches, so the statuses written here are the known inputs.
        String reportNamespace = TestCluster.get().createNamespace("report");
        Instant now = Instant.now();
        record Known(Severity severity, dev.klaxon.api.v1alpha1.Category category, int daysAgo, Long mtta, Long mttr, boolean breached) {
        }
        List<Known> known = List.of(
                new Known(Severity.SEV1, dev.klaxon.api.v1alpha1.Category.SECURITY, 1, 120L, 1800L, false),
                new Known(Severity.SEV2, dev.klaxon.api.v1alpha1.Category.AVAILABILITY, 3, 600L, 3600L, true),
                new Known(Severity.SEV2, dev.klaxon.api.v1alpha1.Category.AVAILABILITY, 5, 60L, 900L, false),
                new Known(Severity.SEV4, dev.klaxon.api.v1alpha1.Category.PERFORMANCE, 10, 300L, null, false),
                new Known(Severity.SEV1, dev.klaxon.api.v1alpha1.Category.SECURITY, 40, 10L, 20L, true));
        for (Known k : known) {
            Incident incident = incident(k.severity(), IncidentPhase.Detected);
            incident.getMetadata().setNamespace(reportNamespace);
            incident.getSpec().setCategory(k.category());
            Incident created = admin.resource(incident).create();
            var status = new dev.klaxon.api.v1alpha1.IncidentStatus();
            status.setPhase(IncidentPhase.Detected);
            status.setDetectedAt(Timestamps.format(now.minus(Duration.ofDays(k.daysAgo()))));
            status.setMttaSeconds(k.mtta());
            status.setMttrSeconds(k.mttr());
            var sla = new dev.klaxon.api.v1alpha1.IncidentSla();
            sla.setBreached(k.breached());
            status.setSla(sla);
            created.setStatus(status);
            admin.resource(created).updateStatus();
        }

        String report = pluginIn(reportNamespace, 0, "report", "--since", "30d");

        assertThat(report.lines().skip(1)).containsExactly(
                "By severity: SEV1 1 SEV2 2 SEV3 0 SEV4 1 SEV5 0",
                "By category: availability 2 performance 1 security 1",
                "MTTA: average 270s, p90 600s (4 acknowledged)",
                "MTTR: average 2100s, p90 3600s (3 resolved)",
                "SLA breaches: 1");
        assertThat(report.lines().findFirst().orElseThrow()).startsWith("Incidents detected in the last 30d (since ").endsWith("): 4");
        assertThat(pluginIn(reportNamespace, 0, "report", "--since", "60d")).contains("): 5").contains("SLA breaches: 2");
        assertThat(pluginIn(reportNamespace, 1, "report", "--since", "soon")).contains("--since takes a number of days or hours");
    }

    @Test
    void theLeaderStopsPromptlyWhenItsPodIsStopped() {
        String own = TestCluster.get().createNamespace("sigterm");
        OperatorProcess leader = new OperatorProcess(own).start();
        Awaitility.await("holds the Lease").atMost(WAIT).until(() -> admin.leases().inNamespace("klaxon-system")
                .withName("klaxon-" + own).get() != null);

        assertThat(leader.terminate(Duration.ofSeconds(20))).as("exited within 20s of SIGTERM").isTrue();
    }

    /** Runs cli/kubectl-klaxon as a user would; returns its output, checking its exit code. */
    private static String plugin(int expectedExit, String... args) {
        return pluginIn(namespace, expectedExit, args);
    }

    private static String pluginIn(String inNamespace, int expectedExit, String... args) {
        return Users.plugin(inNamespace, null, expectedExit, args);
    }

    private static Incident incident(Severity severity, IncidentPhase phase) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("lifecycle-" + (++counter));
        incident.getSpec().setSeverity(severity);
        incident.getSpec().setPhase(phase);
        return incident;
    }

    private static Incident awaitPhase(Incident incident, IncidentPhase phase) {
        return Awaitility.await(incident.getMetadata().getName() + " " + phase).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getPhase() == phase);
    }
}
