package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.archive.ArchiveStore.Record;
import dev.klaxon.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive's one write on a real PostgreSQL, migrated by the project's Flyway migrations: by
 * UID, idempotent, and once retention has written an object's last state (and deleted it), a
 * late write of an earlier state (a writer that waited out an outage, a former leader's queue)
 * does not replace it.
 */
class ArchiveStoreIT {

    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        Flyway.configure().dataSource(postgres.jdbcUrl(), "klaxon", "").locations("classpath:db/archive").load().migrate();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aWriteIsIdempotentByUidAndANewerStateUpdatesTheRow() throws Exception {
        write(false, record("uid-1", "10", "Resolved"));
        write(false, record("uid-1", "10", "Resolved"), record("uid-2", "11", "Closed"));
        write(false, record("uid-1", "12", "Closed"));
        assertThat(phases()).contains("uid-1 Closed 12", "uid-2 Closed 11").filteredOn(row -> row.startsWith("uid-1")).hasSize(1);
    }

    @Test
    void whatRetentionWroteIsTheLastStateAndALateEarlierWriteLeavesIt() throws Exception {
        write(false, record("uid-3", "20", "Resolved"));
        write(true, record("uid-3", "25", "Closed"));      // retention: the state it deletes
        write(false, record("uid-3", "20", "Resolved"));   // the writer's queue, late
        write(false, record("uid-3", "22", "Closed"));     // a former leader's, later still
        write(true, record("uid-3", "25", "Closed"));      // retention again, after a crash before its deletes
        assertThat(phases()).contains("uid-3 Closed 25");
    }

    private static Record record(String uid, String resourceVersion, String phase) {
        return new Record(uid, "Incident", "shop", "db-down", "2026-12-05T10:00:00Z", resourceVersion,
                "{\"status\":{\"phase\":\"" + phase + "\"}}");
    }

    private static void write(boolean forRetention, Record... records) throws SQLException {
        try (Connection connection = postgres.connect()) {
            ArchiveStore.upsert(connection, List.of(records), forRetention);
        }
    }

    private static List<String> phases() throws SQLException {
        try (Connection connection = postgres.connect(); var statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT uid, phase, resource_version FROM incidents "
                        + "JOIN archived_objects USING (uid) ORDER BY uid")) {
            List<String> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
            return rows;
        }
    }
}
