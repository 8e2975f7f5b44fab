package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prometheus alerting rules as AlertRule manifests, for {@code kubectl apply -f -}. Reads files only; writes nothing to the cluster. */
@Command(name = "import", description = "Print AlertRules for the alerting rules of Prometheus rule files or PrometheusRule objects "
        + "(recording rules are skipped, said on stderr), and ServiceLevelObjectives for Sloth (prometheus/v1, PrometheusServiceLevel) "
        + "and OpenSLO (v1 SLO and SLI) specs.")
final class ImportVerb implements Callable<Integer> {

    /** A rule file is text a person wrote; this bounds what is read. */
    private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    @ParentCommand
    KlaxonCli cli;
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "<file>", description = "A rule file, or - for standard input; repeat for several.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : files) {
            byte[] bytes = file.equals("-") ? System.in.readNBytes((int) MAX_FILE_BYTES + 1) : read(Path.of(file));
            if (bytes.length > MAX_FILE_BYTES) {
                throw new CliException(file + " is larger than 8 MiB");
            }
            texts.add(new String(bytes, StandardCharsets.UTF_8));
        }
        RuleImport.Result result = RuleImport.from(texts);
        StringBuilder out = new StringBuilder();
        for (AlertRule rule : result.rules()) {
            out.append(Serialization.asYaml(rule));
        }
        for (ServiceLevelObjective objective : result.objectives()) {
            out.append(Serialization.asYaml(objective));
        }
        cli.out().print(out);
        cli.out().flush();
        result.notes().forEach(note -> cli.err().println("kubectl klaxon import: " + note));
        cli.err().println("kubectl klaxon import: " + result.rules().size() + " AlertRule(s)"
                + (result.objectives().isEmpty() ? "" : ", " + result.objectives().size() + " ServiceLevelObjective(s)"));
        cli.err().flush();
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException(file + " is larger than 8 MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
