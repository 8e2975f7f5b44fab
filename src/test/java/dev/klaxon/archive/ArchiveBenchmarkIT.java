package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestPostgres;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: what retention takes out of etcd and how fast. Closed
 * incidents as the operator leaves them (final, past their retention, a status with a timeline),
 * -Dklaxon.benchmark.archive.incidents of them (20,000); etcd's size in use (after a compaction
 * and a defragmentation, so only what is live counts) with none, with all of them, and after an
 * operator with the archive on (the image's JVM settings in 512 Mi) archived and deleted them;
 * the rate at which it did. Run with hack/bench-archive.sh.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
class ArchiveBenchmarkIT {

    private static final int INCIDENTS = Integer.getInteger("klaxon.benchmark.archive.incidents", 20_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void retentionTakesClosedIncidentsOutOfEtcdIntoTheArchive() throws Exception {
        KubernetesClient admin = TestCluster.get().admin();
        try (TestPostgres postgres = TestPostgres.start()) {
            String namespace = TestCluster.get().createNamespace("archive-bench");
            ArchiveRetentionIT.grantRetention(namespace);
            long none = etcdInUse();
            long started = System.nanoTime();
            addClosedIncidents(admin, namespace, INCIDENTS);
            double createdSeconds = (System.nanoTime() - started) / 1e9;
            long full = etcdInUse();

            List<String> settings = new ArrayList<>(List.of(OperatorProcess.containerJvm("512m")));
            settings.addAll(List.of("-Dklaxon.archive.retention.incidents=1s", "-Dklaxon.archive.prune-period=1s"));
            settings.addAll(postgres.operatorSettings());
            double seconds;
            long rss;
            try (OperatorProcess operator = new OperatorProcess(namespace, settings.toArray(String[]::new)).start()) {
                long ready = System.nanoTime();
                Awaitility.await("every closed incident archived and deleted").atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> admin.resources(Incident.class).inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build())
                                .getItems().isEmpty());
                seconds = (System.nanoTime() - ready) / 1e9;
                rss = operator.rssKiB() / 1024;
            }
            long rows;
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM incidents WHERE namespace = '" + namespace + "'")) {
                count.next();
                rows = count.getLong(1);
            }
            assertThat(rows).as("every one in the archive (one row per UID: the primary key)").isEqualTo(INCIDENTS);
            long pruned = etcdInUse();

            System.out.println("=== archive benchmark (anchor: without an archive nothing leaves etcd, the middle row stays)");
            System.out.println("etcd in use | closed incidents in the cluster | note");
            System.out.printf("%.1f MiB | 0 | before%n", none / 1048576.0);
            System.out.printf("%.1f MiB | %,d | written in %.0f s; %.1f KiB of etcd per closed incident%n", full / 1048576.0, INCIDENTS,
                    createdSeconds, (full - none) / 1024.0 / INCIDENTS);
            System.out.printf("%.1f MiB | 0 | after retention: %,d archived then deleted in %.0f s = %.0f incidents/s (operator RSS %d MiB)%n",
                    pruned / 1048576.0, rows, seconds, INCIDENTS / seconds, rss);
        }
    }

    /** etcd's database in use, after compacting every old revision away and defragmenting: what is live, nothing else. */
    private static long etcdInUse() throws Exception {
        TestCluster cluster = TestCluster.get();
        String revision = JSON.readTree(cluster.etcd("/v3/kv/range", "{\"key\":\"AA==\"}")).at("/header/revision").asText();
        cluster.etcd("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
        cluster.etcd("/v3/maintenance/defragment", "{}");
        return cluster.etcd("/metrics", null).lines().filter(l -> l.startsWith("etcd_mvcc_db_total_size_in_use_in_bytes "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    /** Closed incidents as the operator leaves them: Closed, a status with a timeline, final since long before their retention. */
    private static void addClosedIncidents(KubernetesClient admin, String namespace, int count) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            written.add(writers.submit(() -> {
                Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
                incident.getMetadata().setNamespace(namespace);
                incident.getMetadata().setName("closed-" + n);
                incident.getMetadata().setLabels(new HashMap<>(Map.of(KlaxonApi.LABEL_FINAL, "true")));
                incident.getMetadata().setAnnotations(new HashMap<>(Map.of(KlaxonApi.ANNOTATION_FINAL_AT, "2025-01-08T01:05:00Z")));
                incident.getSpec().setPhase(IncidentPhase.Closed);
                incident.getSpec().setEscalationPolicyRef(null);
                Incident created = admin.resource(incident).create();
                IncidentStatus status = new IncidentStatus();
                status.setPhase(IncidentPhase.Closed);
                status.setDetectedAt("2025-01-01T00:00:00Z");
                status.setAcknowledgedAt("2025-01-01T00:05:00Z");
                status.setResolvedAt("2025-01-01T01:00:00Z");
                status.setClosedAt("2025-01-08T01:00:00Z");
                status.setMttaSeconds(300L);
                status.setMttrSeconds(3600L);
                status.setTimeline(new ArrayList<>(IntStream.range(0, 10).mapToObj(t -> new TimelineEntry("2025-01-01T00:0" + t + ":00Z",
                        "Update", "an entry of the incident's record, as long as a real one tends to be", "klaxon")).toList()));
                created.setStatus(status);
                return admin.resource(created).updateStatus();
            }));
        }
        for (Future<?> f : written) {
            f.get();
        }
        writers.shutdown();
    }
}
