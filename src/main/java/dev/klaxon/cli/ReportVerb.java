package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The period summary of the namespace's incidents. */
@Command(name = "report", description = "Counts, MTTA/MTTR (average, p90) and SLA breaches of the incidents detected in a period.")
final class ReportVerb implements Callable<Integer> {

    private static final Pattern PERIOD = Pattern.compile("([0-9]{1,6})([dh])");

    @ParentCommand
    KlaxonCli cli;
    @Option(names = "--since", paramLabel = "<period>", defaultValue = "30d", description = "Days or hours, e.g. 30d or 12h (default 30d).")
    String since;
    @Mixin
    Output output;

    @Override
    public Integer call() {
        Instant from = Clock.systemUTC().instant().minus(period(since)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (Kube kube = cli.kube()) {
            List<Incident> incidents = kube.call(() -> kube.client().resources(Incident.class).inNamespace(kube.namespace()).list().getItems());
            IncidentReport report = IncidentReport.of(incidents, from);
            output.print(cli.out(), report, report.text(since).stripTrailing());
        }
        return 0;
    }

    static Duration period(String text) {
        Matcher matcher = PERIOD.matcher(text);
        if (!matcher.matches()) {
            throw new CliException("--since takes a number of days or hours, e.g. 30d or 12h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }
}
