package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged operator (target/quarkus-app) as its own process, exactly as it runs in a pod:
 * production profile, server-side apply, the chart's ServiceAccount token, a real Prometheus.
 * Tests can kill it (as a crash would) and start another.
 */
public final class OperatorProcess implements AutoCloseable {

    private final String namespace;
    private final List<String> settings;
    private final int port = Ports.free();
    private final Path log;
    private final String identity;
    private Process process;

    /** An operator that watches only {@code namespace}, so operators of other tests never interfere. */
    public OperatorProcess(String namespace, String... settings) {
        this.namespace = namespace;
        this.identity = namespace + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        this.settings = List.of(settings);
        this.log = TestCluster.PROJECT.resolve("target/operator-" + namespace + ".log");
    }

    public OperatorProcess start() {
        TestCluster cluster = TestCluster.get();
        String token = OperatorUnderTest.installChartRbacAndIssueToken(cluster.admin());
        Path jar = TestCluster.PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: *IT tests run after `mvn package`");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkubernetes.master=" + cluster.serverUrl(),
                "-Dkubernetes.certs.ca.file=" + cluster.adminConfig().getCaCertFile(),
                "-Dkubernetes.auth.token=" + token,
                "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dkubernetes.namespace=" + OperatorUnderTest.NAMESPACE, // where the leader-election Lease lives
                "-Dquarkus.operator-sdk.namespaces=" + namespace,
                "-Dklaxon.leader-election.lease-name=klaxon-" + namespace,
                // Processes on one host share HOSTNAME, the identity pods get by default.
                "-Dklaxon.leader-election.identity=" + identity,
                "-Dklaxon.prometheus.url=" + TestPrometheus.get().url(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port));
        command.addAll(settings);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Process started = process;
        Awaitility.await("operator ready (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .failFast("operator exited (log: " + log + ")", () -> !started.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create("http://127.0.0.1:" + port + "/q/health/ready")));
        return this;
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + port + "/q/metrics";
    }

    /**
     * The sum of the samples of a metric on /q/metrics whose name (and labels, when given as
     * {@code name{label="value"}}) match; 0 when there are none.
     */
    public double metric(String selector) {
        String name = selector.contains("{") ? selector.substring(0, selector.indexOf('{')) : selector;
        List<String> labels = selector.contains("{")
                ? List.of(selector.substring(selector.indexOf('{') + 1, selector.length() - 1).split(",")) : List.of();
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> !l.startsWith("#"))
                    .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .filter(l -> labels.stream().allMatch(l::contains))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the process as Kubernetes stops a pod (SIGTERM).
     *
     * @return whether it ended by itself within the time given
     */
    public boolean terminate(Duration within) {
        process.destroy();
        try {
            boolean ended = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Its name in the leader-election Lease. */
    public String identity() {
        return identity;
    }

    public long pid() {
        return process.pid();
    }

    /** Its resident memory now, from /proc (KiB). */
    public long rssKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Appends the process's threads to its log, for a test that times out waiting on it. */
    public void dumpThreads() {
        try {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the process (SIGSTOP), as a frozen VM, a stopped container or a very long pause would. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused process go on (SIGCONT) where it stopped. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " exited " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends the process at once, as a crash or an OOM kill would: no graceful shutdown. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }
}
