package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real PostgreSQL server, Debian's, in a data directory of its own on a free port of
 * 127.0.0.1 (trust authentication for the user {@code klaxon}, database {@code klaxon}). As root
 * (CI) it runs as the {@code postgres} user, which the server insists on.
 */
public final class TestPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port = Ports.free();
    private final Path log;
    private Process server;

    private TestPostgres(Path bin, Path data) {
        this.bin = bin;
        this.data = data;
        this.log = TestCluster.PROJECT.resolve("target/postgres-" + port + ".log");
    }

    public static TestPostgres start() {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("PostgreSQL is missing: apt-get install -y postgresql", e);
        }
        try {
            Path data = Files.createTempDirectory("klaxon-postgres-");
            TestPostgres postgres = new TestPostgres(bin, data);
            if (root()) {
                TestCluster.run(Duration.ofSeconds(30), "chown", "postgres:postgres", data.toString());
            }
            TestCluster.run(Duration.ofMinutes(2), postgres.asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "klaxon",
                    "-A", "trust", "--no-sync", "-E", "UTF8").toArray(String[]::new));
            postgres.startServer();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "klaxon", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE klaxon");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server again on the same data and port (after {@link #stop}). */
    public void startServer() {
        try {
            server = new ProcessBuilder(asServerUser(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                    "-k", data.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("PostgreSQL ready (log: " + log + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("PostgreSQL exited (log: " + log + ")", () -> !server.isAlive())
                .until(() -> {
                    try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), "klaxon", "")) {
                        return true;
                    } catch (SQLException e) {
                        return false;
                    }
                });
    }

    /** Stops the server at once (fast shutdown: open connections are cut), keeping its data. */
    public void stop() {
        TestCluster.run(Duration.ofMinutes(1), asServerUser(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w")
                .toArray(String[]::new));
        TestCluster.stop(server);
    }

    public String jdbcUrl() {
        return jdbcUrl("klaxon");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's address as the command line and psql take it. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/klaxon";
    }

    /** Runs {@code file} with psql as the user klaxon, with {@code variables} set (-v); its unaligned, tuples-only output. */
    public String psql(Map<String, String> variables, Path file) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "klaxon", "-d", "klaxon", "-f", file.toString()));
        variables.forEach((name, value) -> command.addAll(List.of("-v", name + "=" + value)));
        return TestCluster.run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }

    /** The operator's settings for this server as its archive. */
    public List<String> operatorSettings() {
        return List.of("-Dklaxon.archive.enabled=true", "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(), "-Dquarkus.datasource.username=klaxon");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "klaxon", "");
    }

    private List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() {
        if (server != null && server.isAlive()) {
            stop();
        }
        TestCluster.run(Duration.ofMinutes(1), "rm", "-rf", data.toString());
    }
}
