package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.common.OpenWork;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.TestPostgres;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention on a real PostgreSQL: final incidents past their retention are archived, then
 * deleted; an operator killed (SIGKILL) while it prunes loses nothing and duplicates nothing; an
 * archive that is down pauses pruning, and nothing unarchived is ever deleted.
 */
class ArchiveRetentionIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final KubernetesClient admin = TestCluster.get().admin();
    private static TestPostgres postgres;
    private static String namespace;
    private static List<String> settings;
    private static OperatorProcess operator;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        namespace = TestCluster.get().createNamespace("retention");
        settings = new ArrayList<>(List.of("-Dklaxon.open-work.reopen-window=2s", "-Dklaxon.open-work.final-grace=1s",
                "-Dklaxon.reviews.auto-create=NONE", "-Dklaxon.archive.retention.incidents=2s", "-Dklaxon.archive.prune-period=1s"));
        settings.addAll(postgres.operatorSettings());
        operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start();
        grantRetention(namespace);
    }

    static void grantRetention(String namespace) {
        // With an archive the chart lets the operator delete the four final kinds (ChartIT checks it renders so); the
        // test cluster's shared RBAC is the chart's default (RbacIT), so this namespace alone gets that rule here.
        admin.resource(new RoleBuilder().withNewMetadata().withName("klaxon-retention").withNamespace(namespace).endMetadata()
                .addNewRule().withApiGroups("klaxon.dev").withResources("incidents", "playbookruns", "postincidentreviews", "maintenancewindows")
                .withVerbs("delete").endRule().build()).create();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("klaxon-retention").withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "klaxon-retention")
                .addNewSubject().withKind("ServiceAccount").withName(OperatorUnderTest.SERVICE_ACCOUNT).withNamespace(OperatorUnderTest.NAMESPACE)
                .endSubject().build()).create();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        postgres.close();
    }

    @Test
    void finalIncidentsAreArchivedThenDeletedAndAKilledOperatorLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> uids = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            uids.put(create("gone-" + i), "gone-" + i);
        }
        uids.keySet().forEach(uid -> resolve(uids.get(uid)));
        // Killed while it prunes: some incidents deleted, some not yet.
        Awaitility.await("pruning under way").atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> remaining("gone-") < 60);
        operator.kill();
        int left = remaining("gone-");
        operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start();
        Awaitility.await("every incident archived and deleted (" + left + " left at the kill)").atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).until(() -> remaining("gone-") == 0);
        Map<String, Long> rows = archived("gone-");
        assertThat(rows.keySet()).as("every incident in the archive, by UID").containsExactlyInAnyOrderElementsOf(uids.keySet());
        assertThat(rows.values()).as("once each").containsOnly(1L);
    }

    @Test
    void anArchiveThatIsDownPausesPruningAndNothingUnarchivedIsDeleted() throws Exception {
        postgres.stop();
        try {
            String uid = create("kept");
            resolve("kept");
            Awaitility.await("final").atMost(WAIT).until(() -> OpenWork.isFinal(admin.resources(Incident.class).inNamespace(namespace)
                    .withName("kept").get()));
            Awaitility.await("the metrics say pruning is paused").atMost(WAIT).until(() -> metrics().contains("klaxon_archive_pruning_paused 1.0"));
            Awaitility.await("an Event on the operator's Lease says so").atMost(WAIT).until(() -> leaseEvents().stream().anyMatch(e -> e.getReason().equals("RetentionPaused")
                    && e.getType().equals("Warning") && e.getMessage().contains("nothing is deleted until it is back")));
            assertThat(get(operator.wellnessUrl())).as("and the operator's wellness check").contains("DOWN", "paused: ");
            assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("kept").get()).as("past its retention, but not archived")
                    .isNotNull();
            postgres.startServer();
            Awaitility.await("archived, then deleted").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace)
                    .withName("kept").get() == null);
            assertThat(archived("kept")).containsOnlyKeys(uid);
            Awaitility.await("an Event says it resumed").atMost(WAIT).until(() -> leaseEvents().stream()
                    .anyMatch(e -> e.getReason().equals("RetentionResumed") && e.getType().equals("Normal")));
            Awaitility.await("the wellness check is up again").atMost(WAIT).until(() -> get(operator.wellnessUrl()).contains("\"retention\": \"running\""));
        } finally {
            try (Connection ignored = postgres.connect()) {
                // up
            } catch (SQLException e) {
                postgres.startServer();
            }
        }
    }

    private static List<Event> leaseEvents() {
        return admin.v1().events().inNamespace(OperatorUnderTest.NAMESPACE).withField("involvedObject.name", "klaxon-" + namespace)
                .list().getItems();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String create(String name) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef(null);
        return admin.resource(incident).create().getMetadata().getUid();
    }

    private static void resolve(String name) {
        Awaitility.await(name + " reconciled").atMost(WAIT).until(() -> {
            Incident now = admin.resources(Incident.class).inNamespace(namespace).withName(name).get();
            return now.getStatus() != null && now.getStatus().getPhase() != null;
        });
        admin.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
    }

    private static int remaining(String prefix) {
        return (int) admin.resources(Incident.class).inNamespace(namespace).list().getItems().stream()
                .filter(i -> i.getMetadata().getName().startsWith(prefix)).count();
    }

    /** The archived incidents whose name starts with {@code prefix}: how many rows each UID has. */
    private static Map<String, Long> archived(String prefix) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = postgres.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT uid, count(*) FROM incidents WHERE namespace = ? AND name LIKE ? GROUP BY uid")) {
            select.setString(1, namespace);
            select.setString(2, prefix + "%");
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    private static String metrics() throws Exception {
        return get(operator.metricsUrl());
    }
}
