package dev.klaxon.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.Timestamps;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The archive's database: its schema (migrated by Flyway before the first write) and the one
 * write, a transaction of upserts keyed by UID: a retry or a second replica never makes a second
 * row, a newer state of an object updates its row. Called from the archive's own threads only.
 */
@ApplicationScoped
public class ArchiveStore {

    /**
     * A row already written by retention (pruned_at set) holds the object's last state: only
     * retention may write it again (a retry after a crash between its commit and its deletes).
     */
    private static final String UPSERT = """
            INSERT INTO archived_objects (uid, kind, namespace, name, created_at, resource_version, record, pruned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (uid) DO UPDATE SET kind = EXCLUDED.kind, namespace = EXCLUDED.namespace, name = EXCLUDED.name,
                created_at = EXCLUDED.created_at, resource_version = EXCLUDED.resource_version, record = EXCLUDED.record, archived_at = now(),
                pruned_at = coalesce(EXCLUDED.pruned_at, archived_objects.pruned_at)
            WHERE (archived_objects.pruned_at IS NULL OR EXCLUDED.pruned_at IS NOT NULL)
                AND (archived_objects.resource_version IS DISTINCT FROM EXCLUDED.resource_version
                    OR (archived_objects.pruned_at IS NULL AND EXCLUDED.pruned_at IS NOT NULL))""";

    /** An object as it became final, ready to write. */
    record Record(String uid, String kind, String namespace, String name, String createdAt, String resourceVersion, String json) {
    }

    private final boolean enabled;
    private final Instance<AgroalDataSource> dataSource;
    private final Instance<Flyway> flyway;
    private final KubernetesSerialization json;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile boolean migrated;

    public ArchiveStore(KlaxonConfig config, Instance<AgroalDataSource> dataSource, Instance<Flyway> flyway, KubernetesClient client) {
        this.enabled = config.archive().enabled();
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.json = client.getKubernetesSerialization();
    }

    /** Whether an archive is configured. */
    boolean enabled() {
        return enabled;
    }

    /** The object's whole state with the final label, without the server-side apply bookkeeping. */
    Record recordOf(HasMetadata object) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) mapper.readTree(json.asJson(object));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an object the client read is JSON", e);
        }
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        metadata.remove("managedFields");
        (metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels")).put(KlaxonApi.LABEL_FINAL, "true");
        return new Record(object.getMetadata().getUid(), object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
                object.getMetadata().getCreationTimestamp(), String.valueOf(object.getMetadata().getResourceVersion()), withoutNul(tree.toString()));
    }

    /**
     * The JSON without escaped NUL characters (a backslash, then u0000), which jsonb refuses and a tenant's
     * text (an alert's annotation) may hold; an escaped backslash before "u0000" is left alone.
     */
    static String withoutNul(String json) {
        return json.indexOf("\\u0000") < 0 ? json : json.replaceAll("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000", "$1");
    }

    /** Writes the records in one transaction: all are committed when this returns. */
    void upsert(List<Record> records) throws SQLException {
        upsert(records, false);
    }

    /**
     * As {@link #upsert(List)}; {@code forRetention}: the objects are deleted from the cluster once
     * this returns, so their rows are marked as holding their last state.
     */
    void upsert(List<Record> records, boolean forRetention) throws SQLException {
        migrate();
        try (Connection connection = dataSource.get().getConnection()) {
            upsert(connection, records, forRetention);
        }
    }

    /** The write itself, on a connection of the caller's. */
    static void upsert(Connection connection, List<Record> records, boolean forRetention) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Record record : records) {
                upsert.setString(1, record.uid());
                upsert.setString(2, record.kind());
                upsert.setString(3, record.namespace());
                upsert.setString(4, record.name());
                upsert.setTimestamp(5, Timestamp.from(Timestamps.parse(record.createdAt())));
                upsert.setString(6, record.resourceVersion());
                upsert.setString(7, record.json());
                upsert.setTimestamp(8, forRetention ? Timestamp.from(java.time.Instant.now()) : null);
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback); // a dead connection: the write's own failure is the one to tell
            }
            throw e;
        }
    }

    /** An archived object: where it lived and its whole state (JSON). */
    record Archived(String kind, String namespace, String name, String json) {
    }

    /** The archived object with this UID, if there is one. */
    Optional<Archived> read(String uid) throws SQLException {
        migrate();
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT kind, namespace, name, record::text FROM archived_objects WHERE uid = ?")) {
            select.setString(1, uid);
            try (var row = select.executeQuery()) {
                return row.next() ? Optional.of(new Archived(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** Whether the database refused the data (SQLSTATE classes 22 and 23), not the connection or the server. */
    static boolean isBadData(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private synchronized void migrate() {
        if (!migrated) {
            flyway.get().migrate();
            migrated = true;
        }
    }
}
