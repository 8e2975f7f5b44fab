package dev.klaxon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report over the archive: the documented SQL (archive-report.sql, which psql runs as it
 * is) with its psql variables bound as parameters, and its rows read into the same report the
 * live objects make. PostgreSQL does the counting, so years of incidents cost the client a
 * dozen rows.
 */
final class ArchiveReport {

    static final String SQL = sql();

    /** The measures archive-report.sql answers, one per row (its column measure). */
    private enum Measure { total, severity, category, mtta, mttr, sla }

    private static final Pattern VARIABLE = Pattern.compile(":'(namespace|from|to)'");

    private ArchiveReport() {
    }

    static IncidentReport query(Connection connection, String namespace, Instant since, Instant until) {
        Map<String, String> values = Map.of("namespace", namespace, "from", since.toString(), "to", until.toString());
        List<String> parameters = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(SQL);
        StringBuilder jdbc = new StringBuilder();
        while (variable.find()) {
            parameters.add(values.get(variable.group(1)));
            variable.appendReplacement(jdbc, "?");
        }
        variable.appendTail(jdbc);
        try (PreparedStatement statement = connection.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            return read(statement.executeQuery(), since, until);
        } catch (SQLException e) {
            throw ArchiveDatabase.failure(e);
        }
    }

    private static IncidentReport read(ResultSet rows, Instant since, Instant until) throws SQLException {
        int total = 0;
        int breaches = 0;
        Map<String, Integer> bySeverity = IncidentReport.severities();
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Long> mtta = new TreeMap<>();
        Map<String, Long> mttr = new TreeMap<>();
        try (rows) {
            while (rows.next()) {
                String key = rows.getString("key");
                long value = rows.getLong("value"); // 0 for an average or p90 of nothing (NULL)
                switch (Measure.valueOf(rows.getString("measure"))) {
                    case total -> total = Math.toIntExact(value);
                    case severity -> bySeverity.put(String.valueOf(key), Math.toIntExact(value));
                    case category -> byCategory.put(key, Math.toIntExact(value));
                    case mtta -> mtta.put(key, value);
                    case mttr -> mttr.put(key, value);
                    case sla -> breaches = Math.toIntExact(value);
                }
            }
        }
        return new IncidentReport(since, until, total, bySeverity, byCategory, times(mtta), times(mttr), breaches, List.of());
    }

    private static IncidentReport.Times times(Map<String, Long> measures) {
        long count = measures.getOrDefault("count", 0L);
        return count == 0 ? IncidentReport.Times.NONE
                : new IncidentReport.Times(Math.toIntExact(count), measures.get("average"), measures.get("p90"));
    }

    private static String sql() {
        try (InputStream in = ArchiveReport.class.getResourceAsStream("archive-report.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
