package dev.klaxon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** People using the cluster: the admin impersonates them, so the API server authenticates each request as that user. */
public final class Users {

    private static final Map<String, KubernetesClient> CLIENTS = new ConcurrentHashMap<>();

    private Users() {
    }

    /** A client the API server authenticates as {@code user} (kept for the whole test JVM). */
    public static KubernetesClient as(String user) {
        return CLIENTS.computeIfAbsent(user, u -> new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(TestCluster.get().adminConfig()).withImpersonateUsername(u).build()).build());
    }

    /**
     * Runs cli/kubectl-klaxon in {@code namespace} as a user would, as {@code user} (null: the admin);
     * returns its output after checking its exit code.
     */
    public static String plugin(String namespace, String user, int expectedExit, String... args) {
        List<String> command = new ArrayList<>(List.of("cli/kubectl-klaxon",
                "--kubeconfig", TestCluster.get().kubeconfigFile().toString(), "-n", namespace));
        if (user != null) {
            command.addAll(List.of("--as", user));
        }
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(TestCluster.PROJECT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", args) + ": " + output).isEqualTo(expectedExit);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
