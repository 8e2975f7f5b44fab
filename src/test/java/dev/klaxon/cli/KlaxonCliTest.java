package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSla;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.OnCallScheduleStatus;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.Shift;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KlaxonCliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine line = KlaxonCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryVerbAndTheExitCodes() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("ack", "status", "assign", "note", "resolve", "close", "report", "run", "approve", "runs", "cancel",
                "oncall", "2   usage error");
        assertThat(run("note", "--help").out()).contains("<incident>", "<message>", "--public", "--kubeconfig", "--as-group");
    }

    @Test
    void usageErrorsExitWith2AndRefusedValuesWith1() {
        assertThat(run("pager", "x").exit()).as("unknown verb").isEqualTo(2);
        assertThat(run("ack").exit()).as("missing incident").isEqualTo(2);
        assertThat(run().exit()).as("no verb").isEqualTo(2);
        assertThat(run("review").exit()).as("missing review").isEqualTo(2);
        assertThat(run("runs", "-o", "xml").exit()).isEqualTo(2);

        Run since = run("report", "--since", "soon");
        assertThat(since.exit()).isEqualTo(1);
        assertThat(since.err()).isEqualTo("kubectl klaxon: --since takes a number of days or hours, e.g. 30d or 12h\n");
        assertThat(run("oncall", "primary", "--at", "tomorrow").err()).contains("--at tomorrow is not a time");
        assertThat(run("run", "restart", "--param", "bad name=x").err()).contains("parameter name bad name: letters, digits and _ only");
        assertThat(run("run", "restart", "--param", "novalue").exit()).isEqualTo(1);
    }

    @Test
    void aWrongVerbSaysSoWhatWasMeantAndWhereTheHelpIs() {
        Run pager = run("pager", "x");

        assertThat(pager.exit()).isEqualTo(2);
        assertThat(pager.err()).isEqualTo("""
                kubectl klaxon: unknown verb "pager"
                Did you mean 'kubectl klaxon page'?
                See 'kubectl klaxon --help'.
                """);
        assertThat(run("ack").err()).contains("Missing required parameter: '<incident>'").endsWith("See 'kubectl klaxon ack --help'.\n");
        assertThat(run("runs", "--colour").err()).contains("Unknown option: '--colour'").endsWith("See 'kubectl klaxon runs --help'.\n");
    }

    @Test
    void completionOffersVerbsTheirOptionsAndFixedValues() {
        CommandLine.Model.CommandSpec root = KlaxonCli.commandLine().getCommandSpec();

        assertThat(Completion.candidates(root, List.of(""))).contains("ack", "approve", "import", "maintain", "help").doesNotContain("pager");
        assertThat(Completion.candidates(root, List.of("a"))).containsExactly("ack", "actions", "approve", "assign");
        assertThat(Completion.candidates(root, List.of("ack", "--"))).contains("--kubeconfig", "--namespace", "--as-group", "--output", "--help");
        assertThat(Completion.candidates(root, List.of("-n", "shop", "runs", "-o", ""))).containsExactly("json", "yaml");
        assertThat(Completion.candidates(root, List.of("ack", "checkout-eu-outage", "--kubeconfig", "x"))).isEmpty();
    }

    @Test
    void kubectlsConnectionFlagsGoBeforeOrAfterTheVerb() {
        KlaxonCli cli = new KlaxonCli();
        CommandLine line = new CommandLine(cli);
        line.parseArgs("--kubeconfig", "/tmp/kc", "-n", "team-a", "note", "db", "restarted", "--as", "alice", "--as-group", "sre",
                "--as-group", "oncall", "--context", "prod", "--public");

        assertThat(cli.global.kubeconfig).isEqualTo("/tmp/kc");
        assertThat(cli.global.namespace).isEqualTo("team-a");
        assertThat(cli.global.as).isEqualTo("alice");
        assertThat(cli.global.asGroups).containsExactly("sre", "oncall");
        assertThat(cli.global.context).isEqualTo("prod");
    }

    @Test
    void theReportCountsTheIncidentsOfThePeriodWithNearestRankP90() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        List<Incident> incidents = List.of(
                incident(Severity.SEV1, Category.SECURITY, "2026-12-01T12:00:00Z", 120L, 1800L, 0),
                incident(Severity.SEV2, Category.AVAILABILITY, "2026-11-29T12:00:00Z", 600L, 3600L, 2),
                incident(Severity.SEV2, Category.AVAILABILITY, "2026-11-22T12:00:00Z", 300L, null, 0),
                incident(Severity.SEV4, Category.PERFORMANCE, "2026-11-12T12:00:00Z", 60L, 900L, 0),
                incident(Severity.SEV3, Category.PERFORMANCE, "2026-10-01T12:00:00Z", 60L, 900L, 1),
                incident(Severity.SEV1, Category.PERFORMANCE, "2026-12-02T12:00:00Z", 60L, 900L, 1));
        ReportPeriod period = ReportPeriod.of("30d", null, null, null, now);

        IncidentReport report = IncidentReport.of(incidents, period.since(), period.until());

        assertThat(report.text("Incidents detected " + period.described()).lines()).as("[since, until): the one detected at until is not in it")
                .containsExactly(
                "Incidents detected in the last 30d (since 2026-11-02T12:00:00Z): 4",
                "By severity: SEV1 1 SEV2 2 SEV3 0 SEV4 1 SEV5 0",
                "By category: availability 2 performance 1 security 1",
                "MTTA: average 270s, p90 600s (4 acknowledged)",
                "MTTR: average 2100s, p90 3600s (3 resolved)",
                "SLA breaches: 2");
        assertThat(IncidentReport.Times.of(List.of(10L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 1L)).p90()).as("rank 9 of 10").isEqualTo(9);
        assertThat(IncidentReport.Times.of(List.of(5L))).isEqualTo(new IncidentReport.Times(1, 5, 5));
        assertThat(IncidentReport.of(List.of(), now, now).text("None")).contains("MTTA: none acknowledged", "MTTR: none resolved", "By category:\n");
    }

    @Test
    void theLiveReportShowsEachObjectivesBudgetAndTheIncidentsItOpenedInThePeriod() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Incident burn = incident(Severity.SEV2, Category.AVAILABILITY, "2026-12-01T12:00:00Z", 120L, 1800L, 0);
        burn.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().addToLabels(dev.klaxon.api.v1alpha1.KlaxonApi.LABEL_SLO,
                "checkout-availability").build());
        Incident older = incident(Severity.SEV4, Category.AVAILABILITY, "2026-10-01T12:00:00Z", 120L, 1800L, 0);
        older.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().addToLabels(dev.klaxon.api.v1alpha1.KlaxonApi.LABEL_SLO,
                "checkout-availability").build());
        var slo = new dev.klaxon.api.v1alpha1.ServiceLevelObjective();
        slo.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("checkout-availability").build());
        slo.setSpec(new dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec());
        slo.getSpec().setService("checkout");
        slo.getSpec().setObjective(99.9);
        slo.setStatus(new dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus());
        slo.getStatus().setState(dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.State.Ok);
        slo.getStatus().setSli(99.942);
        slo.getStatus().setBudgetRemaining(41.9);
        ReportPeriod period = ReportPeriod.of("30d", null, null, null, now);

        IncidentReport report = IncidentReport.of(List.of(burn, older), period.since(), period.until()).withObjectives(List.of(slo), List.of(burn, older));

        assertThat(report.text("Incidents").lines()).endsWith("Service level objectives (budget left now; incidents opened in the period):",
                "  checkout-availability (checkout): 99.9% over 30d, SLI 99.942%, budget left 41.9%, Ok, 1 incident(s)");
        assertThat(IncidentReport.of(List.of(), now, now).text("None")).doesNotContain("Service level objectives");
    }

    @Test
    void aReportPeriodIsTheLastDaysACalendarPeriodInUtcOrTwoTimes() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        assertThat(ReportPeriod.of(null, "2026-Q3", null, null, now)).isEqualTo(new ReportPeriod(Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-10-01T00:00:00Z"), "in 2026-Q3 (from 2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z)"));
        assertThat(ReportPeriod.of(null, "2025", null, null, now).until()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ReportPeriod.of(null, "2026-02", null, null, now).until()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ReportPeriod.of(null, null, "2026-01-01", null, now).until()).isEqualTo(now);
        assertThat(ReportPeriod.of(null, null, "2026-01-01T06:00:00+02:00", "2026-02-01", now).since()).isEqualTo(Instant.parse("2026-01-01T04:00:00Z"));
        assertThat(ReportPeriod.of(null, null, null, null, now).since()).as("30 days by default").isEqualTo(Instant.parse("2026-11-02T12:00:00Z"));
        assertThatThrownBy(() -> ReportPeriod.of("30d", "2026", null, null, now)).hasMessage("give one of --since, --period and --from");
        assertThatThrownBy(() -> ReportPeriod.of(null, null, null, "2026-01-01", now)).hasMessage("--to goes with --from");
        assertThatThrownBy(() -> ReportPeriod.of(null, "2026-13", null, null, now)).hasMessage("--period 2026-13: there is no month 13");
        assertThatThrownBy(() -> ReportPeriod.of(null, null, "2026-02-01", "2026-01-01", now)).hasMessage("--from must be before --to");
        assertThatThrownBy(() -> ReportPeriod.of(null, null, "last tuesday", null, now)).hasMessageStartingWith("--from takes a date");
    }

    @Test
    void theArchiveReportRunsTheSqlTheDocsShow() throws java.io.IOException {
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("docs/archive.md"))).contains("```sql\n" + ArchiveReport.SQL + "```");
    }

    @Test
    void theArchivesAddressIsAPostgresqlUrlWithoutCredentials() {
        assertThat(ArchiveDatabase.jdbcUrl("postgresql://db:5432/klaxon?sslmode=verify-full")).isEqualTo("jdbc:postgresql://db:5432/klaxon?sslmode=verify-full");
        assertThat(ArchiveDatabase.jdbcUrl("postgres://db/klaxon")).isEqualTo("jdbc:postgresql://db/klaxon");
        assertThat(ArchiveDatabase.jdbcUrl("jdbc:postgresql://db/klaxon")).isEqualTo("jdbc:postgresql://db/klaxon");
        assertThatThrownBy(() -> ArchiveDatabase.jdbcUrl("postgresql://admin:secret@db/klaxon")).hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ArchiveDatabase.jdbcUrl("postgresql://db/klaxon?user=a&password=secret")).hasMessageContaining("PGPASSWORD");
        assertThatThrownBy(() -> ArchiveDatabase.jdbcUrl("mysql://db/klaxon")).hasMessageContaining("postgresql://host:port/database");
        assertThatThrownBy(() -> ArchiveDatabase.jdbcUrl(" ")).hasMessageContaining(ArchiveDatabase.URL_VARIABLE);
    }

    @Test
    void runsAreATableWithTheStepEachWaitsOn() {
        PlaybookRun waiting = run("restart-api-x7", "restart-api", "checkout", PlaybookRunStatus.Phase.WaitingForApproval, "1/3", "rollback");
        PlaybookRun done = run("restart-api-y8", "restart-api", null, PlaybookRunStatus.Phase.Succeeded, "3/3", null);

        String table = RunVerbs.Runs.table(List.of(waiting, done));

        assertThat(table.lines().toList().get(0)).startsWith("NAME").contains("WAITING-FOR-APPROVAL", "REQUESTED-BY");
        assertThat(table.lines().toList().get(1)).containsPattern("restart-api-x7\\s+restart-api\\s+checkout\\s+WaitingForApproval\\s+1/3\\s+rollback\\s+alice");
        assertThat(table.lines().toList().get(2)).containsPattern("restart-api-y8\\s+restart-api\\s+-\\s+Succeeded\\s+3/3\\s+-\\s+alice");
    }

    @Test
    void onCallNowAndAtATime() {
        OnCallScheduleStatus status = new OnCallScheduleStatus();
        status.setOnCallNow("alice@example.com");
        status.setOnCallSource("layer primary");
        status.setNextHandoff("2026-12-02T18:00:00Z");
        status.setNextOnCall("bob@example.com");
        status.setUpcoming(List.of(shift("2026-12-02T10:00:00Z", "2026-12-02T18:00:00Z", "alice@example.com", "layer primary"),
                shift("2026-12-02T18:00:00Z", "2026-12-03T02:00:00Z", "bob@example.com", "override")));

        assertThat(OnCallVerb.now(status)).isEqualTo("on call now: alice@example.com (layer primary)\nnext hand-off: 2026-12-02T18:00:00Z to bob@example.com\n");
        assertThat(OnCallVerb.at(status, Instant.parse("2026-12-02T18:00:00Z"), "primary")).isEqualTo("on call at 2026-12-02T18:00:00Z: bob@example.com (override)\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnCallVerb.at(status, Instant.parse("2026-12-09T00:00:00Z"), "primary"))
                .hasMessageContaining("outside the published shifts of primary (2026-12-02T10:00:00Z to 2026-12-03T02:00:00Z)");
        assertThat(OnCallVerb.now(new OnCallScheduleStatus())).isEqualTo("on call now: nobody\n");
    }

    @Test
    void objectsPrintAsJsonOrYamlAndApiErrorsAsKubectlShowsThem() {
        Output output = new Output();
        StringWriter json = new StringWriter();
        output.format = Output.Format.json;
        output.print(new PrintWriter(json), run("r", "p", null, null, null, null), "not this");
        assertThat(json.toString()).contains("\"kind\" : \"PlaybookRun\"", "\"playbookRef\" : \"p\"").doesNotContain("not this");
        StringWriter text = new StringWriter();
        new Output().print(new PrintWriter(text), "object", "the sentence");
        assertThat(text.toString()).isEqualTo("the sentence\n");

        KubernetesClientException refused = new KubernetesClientException(new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("Incident.klaxon.dev \"db\" is invalid: spec.phase: illegal phase change Closed -> Investigating").build());
        assertThat(Kube.kubectlMessage(refused))
                .isEqualTo("Error from server (Invalid): Incident.klaxon.dev \"db\" is invalid: spec.phase: illegal phase change Closed -> Investigating");
    }

    private static Incident incident(Severity severity, Category category, String detectedAt, Long mtta, Long mttr, int breaches) {
        Incident incident = new Incident();
        IncidentSpec spec = new IncidentSpec();
        spec.setSeverity(severity);
        spec.setCategory(category);
        incident.setSpec(spec);
        IncidentStatus status = new IncidentStatus();
        status.setDetectedAt(detectedAt);
        status.setMttaSeconds(mtta);
        status.setMttrSeconds(mttr);
        IncidentSla sla = new IncidentSla();
        sla.setBreaches(breaches);
        sla.setBreached(breaches > 0);
        status.setSla(sla);
        incident.setStatus(status);
        return incident;
    }

    private static PlaybookRun run(String name, String playbook, String incident, PlaybookRunStatus.Phase phase, String progress, String step) {
        PlaybookRun run = new PlaybookRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setIncidentRef(incident);
        spec.setRequestedBy("alice");
        run.setSpec(spec);
        if (phase != null) {
            PlaybookRunStatus status = new PlaybookRunStatus();
            status.setPhase(phase);
            status.setProgress(progress);
            status.setCurrentStep(step);
            run.setStatus(status);
        }
        return run;
    }

    private static Shift shift(String start, String end, String user, String source) {
        Shift shift = new Shift();
        shift.setStart(start);
        shift.setEnd(end);
        shift.setUser(user);
        shift.setSource(source);
        return shift;
    }
}
