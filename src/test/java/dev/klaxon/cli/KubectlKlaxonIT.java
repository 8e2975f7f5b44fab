package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Tools;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged kubectl-klaxon (target/kubectl-klaxon, through cli/kubectl-klaxon) against the real API server. */
class KubectlKlaxonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KubernetesClient admin;
    private static String namespace;

    @BeforeAll
    static void cluster() {
        admin = TestCluster.get().admin();
        namespace = TestCluster.get().createNamespace("cli");
    }

    private record Result(int exit, String output, long millis) {
    }

    private static Result klaxon(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("cli/kubectl-klaxon"));
        command.addAll(List.of(args));
        return exec(environment, command);
    }

    private static Result exec(Map<String, String> environment, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(TestCluster.PROJECT.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return new Result(exit, output, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] as(String user, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace,
                "--as", user, "--as-group", "system:masters"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static Incident incident(String name) {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName(name);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setUpdates(null);
        return admin.resource(incident).create();
    }

    @Test
    void peopleNotingAnIncidentWithoutUpdatesAtTheSameTimeAllKeepTheirNotes() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "busy-" + round;
            incident(name);
            List<String> people = List.of("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com");
            List<Process> notes = new ArrayList<>();
            for (String person : people) {
                List<String> command = new ArrayList<>(List.of("cli/kubectl-klaxon"));
                command.addAll(List.of(as(person, "note", name, "seen by " + person)));
                notes.add(new ProcessBuilder(command).directory(TestCluster.PROJECT.toFile()).redirectErrorStream(true).start());
            }
            for (Process note : notes) {
                String output = new String(note.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(note.waitFor()).as(output).isZero();
            }

            List<IncidentUpdate> updates = admin.resources(Incident.class).inNamespace(namespace).withName(name).get().getSpec().getUpdates();
            assertThat(updates).extracting(IncidentUpdate::getAuthor).as("the authors the API server knows them by")
                    .containsExactlyInAnyOrderElementsOf(people);
            assertThat(updates).extracting(IncidentUpdate::getMessage).allMatch(m -> m.startsWith("seen by "));
        }
    }

    @Test
    void theNamespaceComesFromTheKubeconfigContextAndObjectsPrintAsJson() throws Exception {
        incident("from-context");
        Config kubeconfig = Serialization.unmarshal(Files.readString(TestCluster.get().kubeconfigFile()), Config.class);
        kubeconfig.getContexts().forEach(c -> c.getContext().setNamespace(namespace));
        Path file = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(file, Serialization.asYaml(kubeconfig));

        Result ack = klaxon(Map.of(), "ack", "from-context", "--kubeconfig", file.toString(), "-o", "json");

        assertThat(ack.exit()).as(ack.output()).isZero();
        JsonNode printed = JSON.readTree(ack.output());
        assertThat(printed.at("/metadata/namespace").asText()).isEqualTo(namespace);
        assertThat(printed.at("/spec/phase").asText()).isEqualTo("Acknowledged");
        assertThat(printed.at("/metadata/annotations").toString()).contains("acknowledged with kubectl klaxon ack");
        Result yaml = klaxon(Map.of("KUBECONFIG", file.toString()), "runs", "-o", "yaml");
        assertThat(yaml.output()).as("$KUBECONFIG, as kubectl reads it").contains("items: []");
    }

    @Test
    void theApiServersRefusalReadsAsKubectlShowsItWithExitCode1() {
        incident("refused");

        Result bogus = klaxon(Map.of(), as("alice@example.com", "assign", "refused", "janitor", "bob@example.com"));

        assertThat(bogus.exit()).isEqualTo(1);
        assertThat(bogus.output()).startsWith("kubectl klaxon: Error from server (Invalid): ").contains("janitor");
        assertThat(klaxon(Map.of(), as("alice@example.com", "ack", "missing")).output()).isEqualTo("kubectl klaxon: incident missing not found\n");
        assertThat(klaxon(Map.of(), as("alice@example.com", "frobnicate")).exit()).as("a usage error").isEqualTo(2);
    }

    @Test
    void acknowledgingAnIncidentPastAcknowledgedIsDoneAndNoVerbMovesAPhaseBack() {
        // The first example of docs/incidents.md: the shipped incident is Investigating, acknowledged already.
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("investigating");
        incident.getSpec().setUpdates(null);
        assertThat(admin.resource(incident).create().getSpec().getPhase()).isEqualTo(IncidentPhase.Investigating);

        Result ack = klaxon(Map.of(), as("alice@example.com", "ack", "investigating"));
        assertThat(ack.exit()).as(ack.output()).isZero();
        assertThat(ack.output()).contains("already acknowledged (Investigating)");

        Result back = klaxon(Map.of(), as("alice@example.com", "status", "investigating", "Acknowledged"));
        assertThat(back.exit()).isEqualTo(1);
        assertThat(back.output()).contains("cannot move back to Acknowledged");
        assertThat(admin.resource(incident).get().getSpec().getPhase()).isEqualTo(IncidentPhase.Investigating);

        assertThat(klaxon(Map.of(), as("alice@example.com", "close", "investigating")).exit()).isZero();
        Result resolve = klaxon(Map.of(), as("alice@example.com", "resolve", "investigating"));
        assertThat(resolve.exit()).as("resolving a closed incident: done").isZero();
        assertThat(resolve.output()).contains("already Closed");
    }

    @Test
    void theBuildGeneratesBashCompletion() throws IOException {
        String completion = Files.readString(TestCluster.PROJECT.resolve("target/kubectl-klaxon/kubectl-klaxon_completion"));

        assertThat(completion).contains("complete -F", "kubectl-klaxon", "approve", "oncall", "--as-group");
    }

    @Test
    void kubectlCompletesTheVerbsOptionsAndValuesThroughTheCompletionHelper() {
        // As a shell's kubectl completion asks (kubectl 1.26+ runs kubectl_complete-klaxon found on PATH).
        Map<String, String> path = Map.of("PATH", TestCluster.PROJECT.resolve("cli") + ":" + System.getenv("PATH"));

        Result verbs = exec(path, List.of("kubectl", "__complete", "klaxon", "a"));
        assertThat(verbs.output()).contains("ack\nactions\napprove\nassign\n:4\n");
        assertThat(exec(path, List.of("kubectl", "__complete", "klaxon", "runs", "-o", "")).output()).contains("json\nyaml\n:4\n");
        assertThat(exec(path, List.of("kubectl", "__complete", "klaxon", "maintain", "--pa")).output()).contains("--page\n:4\n");
    }

    @Test
    void krewValidatesTheManifestAndInstallsThePluginFromTheReleaseArchive() throws IOException {
        Path manifest = TestCluster.PROJECT.resolve("target/krew/klaxon.yaml");
        Result validated = exec(Map.of(), List.of(Tools.validateKrewManifest().toString(), "-manifest", manifest.toString(), "-skip-install"));
        assertThat(validated.exit()).as(validated.output()).isZero();

        Path root = Files.createTempDirectory("krew-root");
        try {
            Path archive;
            try (var archives = Files.list(TestCluster.PROJECT.resolve("target"))) {
                archive = archives.filter(f -> f.getFileName().toString().matches("kubectl-klaxon-.*\\.tar\\.gz")).findFirst().orElseThrow();
            }
            Map<String, String> krewRoot = Map.of("KREW_ROOT", root.toString());
            Result installed = exec(krewRoot, List.of(Tools.krew().toString(), "install", "--manifest=" + manifest, "--archive=" + archive));
            assertThat(installed.exit()).as(installed.output()).isZero();

            // As krew users run it: kubectl finds the plugin through krew's symlink on PATH.
            Map<String, String> path = Map.of("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
            Result version = exec(path, List.of("kubectl", "klaxon", "--version"));
            assertThat(version.exit()).as(version.output()).isZero();
            assertThat(version.output()).startsWith("kubectl-klaxon ");
            List<String> runs = new ArrayList<>(List.of("kubectl", "klaxon"));
            runs.addAll(List.of(as("alice@example.com", "runs")));
            Result listed = exec(path, runs);
            assertThat(listed.exit()).as("a verb against the cluster: " + listed.output()).isZero();
        } finally {
            TestCluster.deleteRecursively(root);
        }
    }

    /** Start to exit of `kubectl klaxon runs`, with and without the class-data sharing archive, next to kubectl's own. */
    @Test
    void startToExitOfRunsIsMeasured() {
        String[] runs = as("alice@example.com", "runs");
        List<String> kubectl = List.of("kubectl", "--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace,
                "get", "playbookruns.klaxon.dev");
        exec(Map.of(), kubectl);
        klaxon(Map.of(), runs);
        long withArchive = median(IntStream.range(0, 5).mapToLong(i -> checked(klaxon(Map.of(), runs))).toArray());
        long without = median(IntStream.range(0, 5).mapToLong(i -> checked(klaxon(Map.of("KLAXON_CLI_CDS", "off"), runs))).toArray());
        long anchor = median(IntStream.range(0, 5).mapToLong(i -> exec(Map.of(), kubectl).millis()).toArray());
        System.out.printf("kubectl klaxon runs, start to exit (median of 5): %d ms with the class-data sharing archive, %d ms without; "
                + "kubectl get playbookruns: %d ms%n", withArchive, without, anchor);
    }

    private static long checked(Result result) {
        assertThat(result.exit()).as(result.output()).isZero();
        return result.millis();
    }

    private static long median(long[] values) {
        java.util.Arrays.sort(values);
        return values[values.length / 2];
    }
}
