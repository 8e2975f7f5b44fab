package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.common.OpenWork;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPostgres;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Tools;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive on a real PostgreSQL (Debian's): a closed incident is written whole once it is
 * final, plain SQL reads it through the documented view, a re-created incident of the same name
 * is a row of its own, and an archive that is down delays only its own writes: incidents still
 * page and still become final, and are written when it is back.
 */
class ArchiveIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final KubernetesClient admin = TestCluster.get().admin();
    private static TestPostgres postgres;
    private static String namespace;
    private static OperatorProcess operator;
    private static TestReceiver pager;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        namespace = TestCluster.get().createNamespace("archive");
        List<String> settings = new ArrayList<>(List.of("-Dklaxon.open-work.reopen-window=3s", "-Dklaxon.open-work.final-grace=2s",
                "-Dklaxon.reviews.auto-create=NONE"));
        settings.addAll(postgres.operatorSettings());
        operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start();
        pager = new TestReceiver();
        Channels.webhook(admin, namespace, "pager", pager.url("/page"), 600);
        admin.resource(Policies.oneLevel(namespace, "on-call", List.of("carol@example.com"), List.of("pager"))).create();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (pager != null) {
            pager.close();
        }
        postgres.close();
    }

    @Test
    void aClosedIncidentIsArchivedWholeAndASameNamedOneIsARowOfItsOwn() throws Exception {
        String first = closeAndAwaitFinal("db-down");
        Map<String, Object> row = awaitRow("db-down", first);
        assertThat(row.get("phase")).isEqualTo("Closed");
        assertThat(row.get("title")).isEqualTo("Checkout failing for EU customers");
        assertThat(row.get("severity")).isEqualTo("SEV2");
        assertThat(row.get("category")).isEqualTo("availability");
        assertThat(row.get("closed_at")).isNotNull();
        assertThat((Long) row.get("mttr_seconds")).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(row.get("final_label")).isEqualTo("true");
        assertThat(row.get("managed_fields")).as("the server-side apply bookkeeping is not history").isNull();
        assertThat((String) row.get("timeline")).contains("reopen window");

        admin.resources(Incident.class).inNamespace(namespace).withName("db-down").delete();
        Awaitility.await("deleted").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace).withName("db-down").get() == null);
        String second = closeAndAwaitFinal("db-down");
        assertThat(second).isNotEqualTo(first);
        awaitRow("db-down", second);
        try (Connection connection = postgres.connect();
                PreparedStatement count = connection.prepareStatement("SELECT count(*), count(DISTINCT uid) FROM incidents WHERE name = 'db-down'");
                ResultSet result = count.executeQuery()) {
            result.next();
            assertThat(result.getLong(1)).as("one row per incident, however often written").isEqualTo(2);
            assertThat(result.getLong(2)).isEqualTo(2);
        }
        // docs/archive.md's queries, as written there.
        try (Connection connection = postgres.connect(); var statement = connection.createStatement()) {
            try (ResultSet byMonth = statement.executeQuery("""
                    SELECT date_trunc('month', detected_at) AS month, severity, count(*),
                           avg(mttr_seconds) / 60 AS mttr_minutes,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY mttr_seconds) / 60 AS p90_minutes
                    FROM incidents GROUP BY 1, 2 ORDER BY 1, 2""")) {
                assertThat(byMonth.next()).isTrue();
                assertThat(byMonth.getString("severity")).isEqualTo("SEV2");
                assertThat(byMonth.getLong(3)).isGreaterThanOrEqualTo(2);
            }
            try (ResultSet timeline = statement.executeQuery(
                    "SELECT jsonb_array_elements(record -> 'status' -> 'timeline') FROM incidents WHERE name = 'db-down'")) {
                assertThat(timeline.next()).isTrue();
            }
            // The dashboard's optional archive row, as the chart renders it: each panel's SQL, with Grafana's time filter put in.
            List<String> panels = archiveRowQueries();
            assertThat(panels).hasSize(2);
            for (String sql : panels) {
                try (ResultSet rows = statement.executeQuery(sql.replace("$__timeFilter(detected_at)",
                        "detected_at BETWEEN '2000-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'"))) {
                    assertThat(rows.next()).as(sql).isTrue();
                    assertThat(rows.getString("severity")).isEqualTo("SEV2");
                }
            }
        }
    }

    @Test
    void anArchiveThatIsDownDelaysOnlyItsOwnWrites() throws Exception {
        postgres.stop();
        try {
            int pagesBefore = pager.accepted("/page").size();
            String uid = closeAndAwaitFinal("while-down");
            assertThat(pager.accepted("/page").size()).as("the incident paged while the archive was down").isGreaterThan(pagesBefore);
            Awaitility.await("the metrics say the archive is down").atMost(WAIT).until(() -> {
                String metrics = metrics();
                return metrics.contains("klaxon_archive_up 0.0") && Stream.of(metrics.split("\n"))
                        .anyMatch(l -> l.startsWith("klaxon_archive_pending ") && !l.endsWith(" 0.0"));
            });
            postgres.startServer();
            awaitRow("while-down", uid);
            Awaitility.await("the metrics say the archive is up").atMost(WAIT).until(() -> metrics().contains("klaxon_archive_up 1.0"));
        } finally {
            if (!postgresUp()) {
                postgres.startServer();
            }
        }
    }

    /** Creates the incident, lets it page, resolves it, and waits until the operator closed it and marked it final; its UID. */
    private static String closeAndAwaitFinal(String name) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("on-call");
        String uid = admin.resource(incident).create().getMetadata().getUid();
        Awaitility.await(name + " paged").atMost(WAIT).until(() -> pager.accepted("/page").stream()
                .anyMatch(r -> r.body().contains("\"name\":\"" + name + "\"")));
        admin.resources(Incident.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
        Awaitility.await(name + " closed and final").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Incident now = admin.resources(Incident.class).inNamespace(namespace).withName(name).get();
            return now != null && OpenWork.isFinal(now);
        });
        return uid;
    }

    private static Map<String, Object> awaitRow(String name, String uid) {
        return Awaitility.await(name + " in the archive").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> row(name, uid),
                row -> row != null);
    }

    private static Map<String, Object> row(String name, String uid) {
        try (Connection connection = postgres.connect();
                PreparedStatement select = connection.prepareStatement("SELECT phase, title, severity, category, closed_at, mttr_seconds, "
                        + "record -> 'metadata' -> 'labels' ->> 'klaxon.dev/final' AS final_label, "
                        + "record -> 'metadata' -> 'managedFields' AS managed_fields, record -> 'status' ->> 'timeline' AS timeline "
                        + "FROM incidents WHERE namespace = ? AND name = ? AND uid = ?")) {
            select.setString(1, namespace);
            select.setString(2, name);
            select.setString(3, uid);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    row.put(result.getMetaData().getColumnLabel(i), value == null ? null : value instanceof Number n ? (Object) n.longValue()
                            : value instanceof java.sql.Timestamp || value instanceof java.time.OffsetDateTime ? value : value.toString());
                }
                return row;
            }
        } catch (SQLException e) {
            return null; // the schema is not there yet, or the server is down
        }
    }

    /** The SQL of every panel the chart's dashboard gets with grafanaDashboard.archiveRow, besides all the others. */
    private static List<String> archiveRowQueries() throws Exception {
        String rendered = TestCluster.run(Duration.ofMinutes(1), Tools.helm().toString(), "template", "klaxon", "helm/klaxon",
                "--kube-version", TestCluster.KUBERNETES_VERSION, "--set", "grafanaDashboard.enabled=true",
                "--set", "grafanaDashboard.archiveRow=true", "--show-only", "templates/grafana-dashboard.yaml");
        var dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(io.fabric8.kubernetes.client.utils.Serialization
                .unmarshal(rendered, io.fabric8.kubernetes.api.model.ConfigMap.class).getData().get("klaxon.json"));
        assertThat(dashboard.get("panels").size()).as("the dashboard's own panels, and the archive's row").isGreaterThan(20);
        assertThat(dashboard.at("/templating/list").findValuesAsText("name")).contains("datasource", "archive");
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            if (target.has("rawSql")) {
                queries.add(target.get("rawSql").asText());
            }
        }));
        return queries;
    }

    private static boolean postgresUp() {
        try (Connection ignored = postgres.connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operator.metricsUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
