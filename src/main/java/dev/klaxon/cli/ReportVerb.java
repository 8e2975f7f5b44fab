package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The period summary of the namespace's incidents: the live objects, or the archive for any period. */
@Command(name = "report", description = {"Counts, MTTA/MTTR (average, p90) and SLA breaches of the incidents detected in a period.",
        "With --archive, of the closed incidents in the archive (PostgreSQL): any period, the cluster not needed."})
final class ReportVerb implements Callable<Integer> {

    @ParentCommand
    KlaxonCli cli;
    @Option(names = "--since", paramLabel = "<period>", description = "The last days or hours, e.g. 30d or 12h (the default is 30d).")
    String since;
    @Option(names = "--period", paramLabel = "<period>", description = "A year, a quarter or a month in UTC: 2026, 2026-Q3, 2026-07.")
    String period;
    @Option(names = "--from", paramLabel = "<time>", description = "From a date (2026-01-01, UTC) or an RFC 3339 time.")
    String from;
    @Option(names = "--to", paramLabel = "<time>", description = "Up to (not including) a date or time (the default is now).")
    String to;
    @Option(names = "--archive", arity = "0..1", fallbackValue = "", paramLabel = "<url>",
            description = {"Report from the archive at postgresql://host:port/database (the default is $" + ArchiveDatabase.URL_VARIABLE + ").",
                    "The user is $PGUSER; the password $PGPASSWORD or ~/.pgpass."})
    String archive;
    @Mixin
    Output output;

    @Override
    public Integer call() {
        ReportPeriod window = ReportPeriod.of(since, period, from, to, Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
        String namespace = cli.global.namespace;
        IncidentReport report;
        String heading;
        if (archive != null) {
            String url = archive.isEmpty() ? System.getenv().getOrDefault(ArchiveDatabase.URL_VARIABLE, "") : archive;
            // With -n, no kubeconfig is read: the archive's report needs no cluster.
            String reported = namespace != null ? namespace : kubeNamespace();
            try (Connection connection = ArchiveDatabase.open(url, System.getenv())) {
                report = ArchiveReport.query(connection, reported, window.since(), window.until());
            } catch (SQLException e) {
                throw ArchiveDatabase.failure(e);
            }
            heading = "Archived incidents detected " + window.described();
        } else {
            try (Kube kube = cli.kube()) {
                List<Incident> incidents = kube.call(() -> kube.client().resources(Incident.class).inNamespace(kube.namespace()).list().getItems());
                report = IncidentReport.of(incidents, window.since(), window.until()).withObjectives(objectives(kube), incidents);
            }
            heading = "Incidents detected " + window.described();
        }
        output.print(cli.out(), report, report.text(heading).stripTrailing());
        return 0;
    }

    /** The namespace's objectives; none where the kind is not installed or the user may not list it. */
    private static List<ServiceLevelObjective> objectives(Kube kube) {
        return kube.call(() -> {
            try {
                return kube.client().resources(ServiceLevelObjective.class).inNamespace(kube.namespace()).list().getItems();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 403 || e.getCode() == 404) {
                    return List.<ServiceLevelObjective>of();
                }
                throw e;
            }
        });
    }

    private String kubeNamespace() {
        try (Kube kube = cli.kube()) {
            return kube.namespace();
        }
    }
}
