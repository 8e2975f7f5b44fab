package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real cluster the *IT tests run against: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler and a node (containerd, kubelet, kube-proxy) that runs real pods, in a network
 * namespace of their own, started once per test JVM by hack/cluster.sh (the same script
 * hack/run-local.sh uses) and stopped when the JVM exits. The API server answers on 127.0.0.1
 * through a relay; pods reach servers of the tests (Prometheus, receivers) through
 * {@link #expose(int)}.
 */
public final class TestCluster {

    /** The node's address inside the cluster's network namespace (hack/cluster.sh NODE_IP). */
    public static final String NODE_IP = "10.250.0.1";
    /** The step image hack/images.sh builds and the cluster imports (the example playbooks use it). */
    public static final String STEP_IMAGE = "registry.k8s.io/kubectl:v1.34.4";
    /** The version hack/build-control-plane.sh builds (for `helm template --kube-version`). */
    public static final String KUBERNETES_VERSION = "1.34.4";
    public static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    private static TestCluster instance;

    private final Path dir;
    private final String kubeconfig;
    private final KubernetesClient admin;

    private TestCluster(Path dir) {
        this.dir = dir;
        try {
            this.kubeconfig = Files.readString(dir.resolve("kubeconfig"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        // So that manifests load as the model classes, and the client knows their endpoints.
        CrdFiles.KINDS.forEach(admin.getKubernetesSerialization()::registerKubernetesResource);
    }

    public static synchronized TestCluster get() {
        if (instance == null) {
            String dir = JvmShared.once("klaxon.test.cluster", () -> {
                Path started = PROJECT.resolve("target/cluster");
                run(Duration.ofMinutes(1), "hack/cluster.sh", "stop", started.toString()); // leftovers of an aborted run
                deleteRecursively(started);
                run(Duration.ofMinutes(30), "hack/cluster.sh", "start", started.toString(), String.valueOf(ProcessHandle.current().pid()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> run(Duration.ofMinutes(1), "hack/cluster.sh", "stop", started.toString())));
                new TestCluster(started).installCrds();
                return started.toString();
            });
            instance = new TestCluster(Path.of(dir));
        }
        return instance;
    }

    /** A client with cluster-admin rights, for arranging and checking, never for the operator under test. */
    public KubernetesClient admin() {
        return admin;
    }

    public Config adminConfig() {
        return Config.fromKubeconfig(kubeconfig);
    }

    public Path kubeconfigFile() {
        return dir.resolve("kubeconfig");
    }

    public String serverUrl() {
        return adminConfig().getMasterUrl();
    }

    /**
     * Makes a server of the tests on 127.0.0.1:{@code hostPort} reachable from pods, and returns
     * the address they use ({@code NODE_IP:port}).
     */
    public synchronized String expose(int hostPort) {
        Path marker = dir.resolve("relay-expose-" + hostPort + "-ns.pid");
        if (!Files.exists(marker)) {
            run(Duration.ofMinutes(1), "hack/cluster.sh", "expose", dir.toString(), String.valueOf(hostPort), String.valueOf(hostPort));
        }
        return NODE_IP + ":" + hostPort;
    }

    /** Makes {@code address} (host:port of a pod or Service inside the cluster) reachable from the tests; returns the host port. */
    public int publish(String address) {
        int port = Ports.free();
        run(Duration.ofMinutes(1), "hack/cluster.sh", "publish", dir.toString(), address, String.valueOf(port));
        return port;
    }

    /** etcd's HTTP API inside the cluster's namespace: GET {@code path}, or POST {@code body} (JSON) to it; the answer. */
    public String etcd(String path, String body) {
        return body == null ? run(Duration.ofMinutes(5), "hack/cluster.sh", "etcd", dir.toString(), path)
                : run(Duration.ofMinutes(5), "hack/cluster.sh", "etcd", dir.toString(), path, body);
    }

    /** Imports a docker-save image archive into the node's containerd. */
    public void loadImage(Path archive) {
        run(Duration.ofMinutes(5), "hack/cluster.sh", "load", dir.toString(), archive.toString());
    }

    /** A fresh namespace, so test classes never see each other's objects. */
    public String createNamespace(String prefix) {
        String name = (prefix + "-" + UUID.randomUUID().toString().substring(0, 6)).toLowerCase(Locale.ROOT);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Installs the committed CRDs (what users install) and waits until they serve. */
    private void installCrds() {
        for (Path file : CrdFiles.committedFiles(PROJECT.resolve("crds"))) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                admin.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
                admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                                .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                                60, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Loads a manifest into the given namespace (examples name "default"). */
    public List<HasMetadata> load(Path manifest, String namespace) {
        try (InputStream in = Files.newInputStream(manifest)) {
            List<HasMetadata> items = admin.load(in).items();
            items.forEach(item -> item.getMetadata().setNamespace(namespace));
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code kubectl args...} prints in {@code namespace}, as the cluster's admin; fails when kubectl does. */
    public static String kubectl(String namespace, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", get().kubeconfigFile().toString(),
                "--namespace", namespace));
        command.addAll(List.of(args));
        return run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }

    /** Runs a command in the project directory; fails with its output when it fails. */
    public static String run(Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("klaxon-cmd", ".log");
            Process process = new ProcessBuilder(command).directory(PROJECT.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out; output:\n" + Files.readString(out));
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + "; output:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code url} answers 200 now (false while nothing listens yet). */
    /** Stops a process the tests started (TERM, then KILL after 10 s); null is nothing to stop. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static boolean answersOk(java.net.http.HttpClient http, java.net.URI url) throws InterruptedException {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
