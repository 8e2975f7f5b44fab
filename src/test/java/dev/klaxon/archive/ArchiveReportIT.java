package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.OpenWork;
import dev.klaxon.testing.ChartPolicies;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPostgres;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl klaxon report --archive}: the documented SQL, run by the command line as a
 * tenant's read-only role (its namespace's incidents, as docs/archive.md sets it up), gives the same report as the live
 * objects for the same period, and still gives it once the objects are gone from the cluster.
 * psql runs the same file as it is. {@code kubectl klaxon restore} brings an archived incident
 * back read-only, its status from the archive by the operator; with no cluster at all, the
 * command line still prints the whole record and the report.
 */
class ArchiveReportIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesClient admin = TestCluster.get().admin();
    private static TestPostgres postgres;
    private static String namespace;
    private static OperatorProcess operator;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        namespace = TestCluster.get().createNamespace("report");
        // The chart's admission policies hold here, as in a cluster with the chart: who may set which restore label.
        ChartPolicies.installApprovalPolicy(admin);
        admin.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getLabels().put(ChartPolicies.APPROVALS_LABEL, ChartPolicies.APPROVALS_ENFORCED);
            return ns;
        });
        List<String> settings = new ArrayList<>(List.of("-Dklaxon.open-work.reopen-window=2s", "-Dklaxon.open-work.final-grace=1s",
                "-Dklaxon.reviews.auto-create=NONE", "-Dklaxon.sla.sev3.response=1s"));
        settings.addAll(postgres.operatorSettings());
        operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        postgres.close();
    }

    @Test
    void theReportOverTheArchiveIsTheLiveReportForTheSamePeriodAndOutlivesTheObjects() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        incident("acked", Severity.SEV2, Category.AVAILABILITY, true, false);
        incident("breached", Severity.SEV3, Category.PERFORMANCE, true, true);
        incident("breached-unacked", Severity.SEV3, Category.PERFORMANCE, false, true);
        incident("uncategorised", Severity.SEV4, null, false, false);
        incident("security", Severity.SEV4, Category.SECURITY, true, false);
        List<String> names = List.of("acked", "breached", "breached-unacked", "uncategorised", "security");
        for (String name : names) {
            Awaitility.await(name + " closed and final").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> OpenWork.isFinal(admin.resources(Incident.class).inNamespace(namespace).withName(name).get()));
        }
        Awaitility.await("all five in the archive").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> archived(names) == names.size());
        grantAuditor();
        String[] period = {"--from", from.toString(), "--to", Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString()};

        JsonNode live = json(klaxon(period, "-o", "json"));
        JsonNode archived = json(klaxon(period, "--archive", postgres.url(), "-o", "json"));

        assertThat(live.get("total").asInt()).isEqualTo(5);
        assertThat(live.get("slaBreaches").asInt()).as("both SEV3 incidents missed their 1 s response target").isGreaterThanOrEqualTo(2);
        assertThat(live.at("/mtta/count").asInt()).as("resolving acknowledges too").isEqualTo(5);
        assertThat(live.at("/mttr/count").asInt()).isEqualTo(5);
        assertThat(archived).as("the same report from the archive").isEqualTo(live);
        String text = klaxon(period, "--archive", postgres.url());
        assertThat(text).startsWith("Archived incidents detected from " + from + " to ").contains(
                "By severity: SEV1 0 SEV2 1 SEV3 2 SEV4 2 SEV5 0", "By category: availability 1 performance 2 security 1");
        assertThat(postgres.psql(Map.of("namespace", namespace, "from", from.toString(), "to", period[3]),
                TestCluster.PROJECT.resolve("src/main/resources/dev/klaxon/cli/archive-report.sql")))
                .as("psql runs the documented file as it is").contains("total||5", "severity|SEV3|2", "mtta|count|5");

        admin.resources(Incident.class).inNamespace(namespace).delete();
        Awaitility.await("the incidents gone from the cluster").atMost(WAIT)
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).list().getItems().isEmpty());
        assertThat(json(klaxon(period, "-o", "json")).get("total").asInt()).isZero();
        assertThat(json(klaxon(period, "--archive", postgres.url(), "-o", "json"))).as("the history outlives the objects").isEqualTo(live);
    }

    @Test
    void anArchivedIncidentComesBackReadOnlyAndTheHistoryReadsWithoutACluster() throws Exception {
        String name = "restorable";
        incident(name, Severity.SEV2, Category.AVAILABILITY, true, false);
        var resource = admin.resources(Incident.class).inNamespace(namespace).withName(name);
        Awaitility.await("closed and final").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> OpenWork.isFinal(resource.get()));
        Incident closed = resource.get();
        String uid = closed.getMetadata().getUid();
        Awaitility.await("archived").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> archivedStatus(uid) != null);
        grantAuditor();
        resource.delete();
        Awaitility.await("gone from the cluster").atMost(WAIT).until(() -> resource.get() == null);

        String[] lost = {"--kubeconfig", "/nonexistent/kubeconfig", "-n", namespace};
        JsonNode printed = json(run(lost, "restore", uid, "--archive", postgres.url(), "--print", "-o", "json"));
        assertThat(printed.at("/metadata/uid").asText()).isEqualTo(uid);
        assertThat(printed.get("status")).as("the whole record, no cluster needed").isEqualTo(tree(closed.getStatus()));
        assertThat(json(run(lost, "report", "--period", String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC)), "--archive", postgres.url(),
                "-o", "json")).get("total").asInt()).isPositive();

        String said = run(new String[] {"--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace},
                "restore", uid, "--archive", postgres.url());
        assertThat(said).contains("incident " + name + " restored read-only from the archive (UID " + uid + ")");
        Incident copy = resource.get();
        assertThat(copy.getMetadata().getUid()).isNotEqualTo(uid);
        assertThat(copy.getMetadata().getAnnotations()).containsEntry("klaxon.dev/restored-from", uid);
        assertThat(OpenWork.isFinal(copy)).as("final: no reconciler sees it, nothing pages").isTrue();
        assertThat(tree(copy.getStatus())).as("the status the operator wrote from the archive").isEqualTo(tree(closed.getStatus()));
        assertThat(copy.getSpec().getPhase()).isEqualTo(IncidentPhase.Closed);
        assertThat(tree(copy.getSpec())).as("the archived spec").isEqualTo(tree(closed.getSpec()));

        // An incident an alert opened carries the operator's spec.source, which only such a copy may bring (the chart's
        // policy) and the restorer checks against the archive. (A rule's incident stays open work for its budget hour,
        // longer than a test waits: its record goes into the archive here as the writer puts it, whole, keyed by its UID.)
        TestExporter.get().set("klaxon_restore_errors", 5, "case", namespace);
        admin.resource(Rules.aboveOne(namespace, "restore-rule", "klaxon_restore_errors{case=\"" + namespace + "\"}",
                AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY)).create();
        Incident alerted = Awaitility.await("the alert's incident").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace)
                .withLabel("klaxon.dev/rule", "restore-rule").list().getItems().stream().filter(i -> i.getStatus() != null
                        && i.getStatus().getDetectedAt() != null).findFirst(), java.util.Optional::isPresent).get();
        TestExporter.get().set("klaxon_restore_errors", 0, "case", namespace);
        admin.resources(AlertRule.class).inNamespace(namespace).withName("restore-rule").delete();
        assertThat(alerted.getSpec().getSource()).isNotNull();
        try (Connection connection = postgres.connect(); var insert = connection.prepareStatement("INSERT INTO archived_objects "
                + "(uid, kind, namespace, name, created_at, resource_version, record) VALUES (?, 'Incident', ?, ?, now(), ?, ?::jsonb)")) {
            insert.setString(1, alerted.getMetadata().getUid());
            insert.setString(2, namespace);
            insert.setString(3, alerted.getMetadata().getName());
            insert.setString(4, alerted.getMetadata().getResourceVersion());
            insert.setString(5, admin.getKubernetesSerialization().asJson(alerted));
            insert.executeUpdate();
        }
        admin.resource(alerted).delete();
        Awaitility.await("gone").atMost(WAIT).until(() -> admin.resource(alerted).get() == null);
        assertThat(run(new String[] {"--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace},
                "restore", alerted.getMetadata().getUid(), "--archive", postgres.url())).contains("restored read-only from the archive");
        Incident alertCopy = admin.resource(alerted).get();
        assertThat(tree(alertCopy.getSpec().getSource())).isEqualTo(tree(alerted.getSpec().getSource()));
        assertThat(tree(alertCopy.getStatus())).isEqualTo(tree(alerted.getStatus()));

        // A copy asking for what the archive does not hold in this namespace is refused, and says so.
        Incident forged = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        forged.getMetadata().setNamespace(namespace);
        forged.getMetadata().setName("forged");
        forged.getMetadata().setLabels(Map.of("klaxon.dev/restore-of", java.util.UUID.randomUUID().toString()));
        admin.resource(forged).create();
        Awaitility.await("refused").atMost(WAIT).until(() -> admin.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", "forged").list().getItems().stream().anyMatch(e -> e.getReason().equals("RestoreRefused")));
        Incident refused = admin.resources(Incident.class).inNamespace(namespace).withName("forged").get();
        assertThat(refused.getStatus()).as("no status but the operator's, and it wrote none").isNull();
        assertThat(refused.getMetadata().getLabels()).doesNotContainKey("klaxon.dev/restore-of")
                .as("final: never a new incident to the reconcilers").containsEntry("klaxon.dev/final", "true");

        // Labelling an existing incident would take it from the operator: the chart's policy refuses it, and the operator's note.
        assertThatThrownBy(() -> admin.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"klaxon.dev/restore-of\":\"" + uid + "\"}}}"))
                .hasMessageContaining("klaxon.dev/restore-of comes only with a copy");
        assertThatThrownBy(() -> admin.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"klaxon.dev/restored-from\":null}}}"))
                .hasMessageContaining("klaxon.dev/restored-from is set only by the Klaxon operator");
        assertThat(json(klaxon(new String[] {"--period", String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC))}, "-o", "json"))
                .get("total").asInt()).as("the live report leaves the copy out, as the archive's does").isZero();
    }

    private static String archivedStatus(String uid) {
        try (Connection connection = postgres.connect();
                var select = connection.prepareStatement("SELECT record -> 'status' FROM incidents WHERE uid = ?")) {
            select.setString(1, uid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    /** An incident taken through its life: acknowledged or not, after its SLA breach or not, resolved. */
    private static void incident(String name, Severity severity, Category category, boolean acknowledge, boolean awaitBreach) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setSeverity(severity);
        incident.getSpec().setCategory(category);
        admin.resource(incident).create();
        var resource = admin.resources(Incident.class).inNamespace(namespace).withName(name);
        Awaitility.await(name + " detected").atMost(WAIT).until(() -> resource.get().getStatus() != null
                && resource.get().getStatus().getDetectedAt() != null);
        if (awaitBreach) {
            Awaitility.await(name + " breached its SLA").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                var sla = resource.get().getStatus().getSla();
                return sla != null && sla.getBreaches() != null && sla.getBreaches() > 0;
            });
        }
        if (acknowledge) {
            resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Acknowledged\"}}");
            Awaitility.await(name + " acknowledged").atMost(WAIT).until(() -> resource.get().getStatus().getMttaSeconds() != null);
        }
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
    }

    private static JsonNode tree(Object value) throws IOException {
        return JSON.readTree(admin.getKubernetesSerialization().asJson(value));
    }

    /** The least a tenant's auditor needs: its namespace's incidents, read-only, as docs/archive.md sets it up. Once the operator made the view. */
    private static void grantAuditor() throws java.sql.SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS tenant");
            statement.execute("CREATE OR REPLACE VIEW tenant.incidents WITH (security_barrier) AS SELECT * FROM public.incidents WHERE namespace = '"
                    + namespace + "'");
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'auditor') THEN "
                    + "CREATE ROLE auditor LOGIN PASSWORD 'audit'; END IF; END $$");
            statement.execute("GRANT USAGE ON SCHEMA tenant TO auditor");
            statement.execute("GRANT SELECT ON tenant.incidents TO auditor");
            statement.execute("ALTER ROLE auditor SET search_path = tenant");
        }
    }

    private static long archived(List<String> names) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM incidents WHERE namespace = '" + namespace + "' AND name IN ('"
                        + String.join("', '", names) + "')")) {
            count.next();
            return count.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // the schema is not there before the first write
        }
    }

    /** kubectl klaxon report in the namespace, as the auditor role for the archive; its output (exit 0). */
    private static String klaxon(String[] period, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(period));
        all.addAll(List.of(args));
        return run(new String[] {"--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace}, all.toArray(String[]::new));
    }

    /** kubectl klaxon with these global options, as the auditor role for the archive; its output (exit 0). */
    private static String run(String[] global, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cli/kubectl-klaxon"));
        command.addAll(List.of(global));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(TestCluster.PROJECT.toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(Map.of("PGUSER", "auditor", "PGPASSWORD", "audit"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
