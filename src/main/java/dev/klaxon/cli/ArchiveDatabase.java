package dev.klaxon.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The incident archive as the command line reads it: straight from PostgreSQL, with the reader's
 * own credentials (a read-only role the DBA grants), so that the history is there when the cluster
 * is not. The password comes from PGPASSWORD or ~/.pgpass, never from the command line, where
 * shell history and {@code ps} would keep it.
 */
final class ArchiveDatabase {

    static final String URL_VARIABLE = "KLAXON_ARCHIVE_URL";

    private ArchiveDatabase() {
    }

    /** The JDBC URL for a {@code jdbc:postgresql:} URL or a libpq-style {@code postgresql://host:port/db} one. */
    static String jdbcUrl(String url) {
        String given = url == null ? "" : url.strip();
        if (given.isEmpty()) {
            throw new CliException("--archive needs the archive's address (postgresql://host:5432/klaxon), as its value or in " + URL_VARIABLE);
        }
        String jdbc = given.startsWith("jdbc:postgresql:") ? given
                : given.startsWith("postgresql://") ? "jdbc:" + given
                : given.startsWith("postgres://") ? "jdbc:postgresql://" + given.substring("postgres://".length()) : null;
        if (jdbc == null) {
            throw new CliException("the archive's address is a postgresql://host:port/database URL");
        }
        String authority = jdbc.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0];
        if (authority.contains("@") || jdbc.toLowerCase(java.util.Locale.ROOT).matches(".*[?&](ssl)?password=.*")) {
            throw new CliException("give the archive's user in PGUSER and its password in PGPASSWORD or ~/.pgpass, not in the URL");
        }
        return jdbc;
    }

    /** A read-only connection as PGUSER (else the login name), with PGPASSWORD when it is set. */
    static Connection open(String url, Map<String, String> environment) {
        String jdbc = jdbcUrl(url);
        Properties properties = new Properties();
        properties.setProperty("user", environment.getOrDefault("PGUSER", System.getProperty("user.name")));
        if (environment.containsKey("PGPASSWORD")) {
            properties.setProperty("password", environment.get("PGPASSWORD"));
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always"); // read-only in autocommit too: this client never writes
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("ApplicationName", "kubectl-klaxon");
        try {
            Connection connection = DriverManager.getConnection(jdbc, properties);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static CliException failure(SQLException e) {
        if ("42P01".equals(e.getSQLState())) { // undefined_table
            return new CliException("the archive has no tables yet: the operator creates them at its first write (when an object becomes final)");
        }
        if ("42703".equals(e.getSQLState())) { // undefined_column
            return new CliException("the archive's schema is older than this kubectl klaxon (" + e.getMessage()
                    + "): upgrade the operator, and re-create views made from it (docs/archive.md)");
        }
        return new CliException("the archive: " + e.getMessage());
    }
}
