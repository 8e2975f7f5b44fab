package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
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
    private final int checkInPort = Ports.free();
    private final int alertmanagerPort = Ports.free();
    private final Path log;
    private String identity;
    private Process process;
    /** When set, the operator resolves names through this resolv.conf, in a mount namespace of its own. */
    private Path resolvConf;
    /** Stopped on purpose (kill, terminate, close): its end is not news. */
    private volatile boolean stopped;
    /** Every operator a test started in this JVM and has not stopped, for {@link #report()}. */
    private static final java.util.Set<OperatorProcess> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** An operator that watches only {@code namespace}, so operators of other tests never interfere. */
    public OperatorProcess(String namespace, String... settings) {
        this.namespace = namespace;
        this.identity = newIdentity(namespace);
        this.settings = List.of(settings);
        this.log = TestCluster.PROJECT.resolve("target/operator-" + namespace + ".log");
    }

    /**
     * The packaged application: target/quarkus-app, or another build's (-Dklaxon.operator.app, for a
     * benchmark's baseline of an earlier revision).
     */
    /**
     * The java command of one of the image's other modes (status site, responder site), as the
     * chart's container runs it: the application's classes and libraries, its own main class,
     * talking to the test cluster with {@code token}, then {@code settings}.
     */
    public static List<String> sideModeCommand(String mainClass, String token, List<String> settings) {
        TestCluster cluster = TestCluster.get();
        Path app = application();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                "-Dkubernetes.master=" + cluster.serverUrl(),
                "-Dkubernetes.certs.ca.file=" + cluster.adminConfig().getCaCertFile(),
                "-Dkubernetes.auth.token=" + token,
                "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false"));
        command.addAll(settings);
        command.addAll(List.of("-cp", app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*:" + app.resolve("lib/boot") + "/*", mainClass));
        return command;
    }

    public static Path application() {
        return TestCluster.PROJECT.resolve(System.getProperty("klaxon.operator.app", "target/quarkus-app"));
    }

    /**
     * Runs the operator in a mount namespace of its own where {@code resolvConf} is its
     * /etc/resolv.conf (e.g. {@link SilentDns}'s), as a pod has its own; needs root.
     */
    public OperatorProcess resolvingNamesWith(Path resolvConf) {
        this.resolvConf = resolvConf;
        return this;
    }

    public OperatorProcess start() {
        TestCluster cluster = TestCluster.get();
        String token = OperatorUnderTest.installChartRbacAndIssueToken(cluster.admin());
        Path jar = application().resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: *IT tests run after `mvn package`");
        }
        List<String> command = new ArrayList<>();
        if (resolvConf != null) {
            // unshare and sh exec into java: the process stays the operator's JVM (its pid, signals, jcmd).
            command.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolvConf.toString()));
        }
        command.addAll(List.of(
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
                // The tests' receivers (HTTP, SMTP) listen on loopback, which production refuses.
                "-Dklaxon.notify.denied-networks=169.254.0.0/16,fe80::/10,0.0.0.0/8",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dklaxon.alertmanager.host=127.0.0.1",
                // The Alertmanager receiver and Heartbeat check-ins, as the chart turns them on.
                "-Dklaxon.alertmanager.port=" + alertmanagerPort,
                "-Dklaxon.heartbeats.port=" + checkInPort,
                "-Dklaxon.heartbeats.host=127.0.0.1"));
        command.addAll(settings);
        // As the image runs it: from the application's directory, the jar named relative to it
        // (as when the class-data sharing archive was dumped), glibc's arenas as in the image.
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
            builder.environment().putAll(imageEnvironment());
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stopped = false;
        STARTED.add(this);
        HttpClient http = HttpClient.newHttpClient();
        Process started = process;
        Awaitility.await("operator ready (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .failFast("operator exited (log: " + log + ")", () -> !started.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create("http://127.0.0.1:" + port + "/q/health/ready")));
        return this;
    }

    /**
     * The JVM settings of the chart's container (hack/images.sh {@code JAVA_ENTRYPOINT}), as if
     * its memory limit were {@code memoryLimit} (e.g. "512m"), with the class-data sharing
     * archive the build dumped for this JDK: what the benchmarks run.
     */
    public static String[] containerJvm(String memoryLimit) {
        List<String> flags = new ArrayList<>(List.of("-XX:MaxRAM=" + memoryLimit));
        for (String flag : imageScriptList("JAVA_ENTRYPOINT")) {
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                Path archive = application().resolve(flag.substring(flag.indexOf('=') + 1));
                if (Files.exists(archive)) {
                    flags.add(flag);
                }
            } else if (flag.startsWith("-") && !flag.equals("-jar")) {
                flags.add(flag);
            }
        }
        return flags.toArray(String[]::new);
    }

    /** The environment the image sets (hack/images.sh {@code JAVA_ENV}). */
    private static java.util.Map<String, String> imageEnvironment() {
        java.util.Map<String, String> environment = new java.util.HashMap<>();
        for (String variable : imageScriptList("JAVA_ENV")) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        return environment;
    }

    /** A {@code NAME='"a","b"'} list of hack/images.sh. */
    private static List<String> imageScriptList(String name) {
        try {
            String script = Files.readString(TestCluster.PROJECT.resolve("hack/images.sh"));
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^" + name + "='(.*)'").matcher(script);
            if (!matcher.find()) {
                throw new IllegalStateException(name + " not found in hack/images.sh");
            }
            return java.util.Arrays.stream(matcher.group(1).split(",")).map(v -> v.replace("\"", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where an Alertmanager posts: {@code <this>/alertmanager/<namespace>/<source>}. */
    public String alertmanagerUrl() {
        return "http://127.0.0.1:" + alertmanagerPort;
    }

    /** Where a Heartbeat of the watched namespace checks in: {@code <this>/heartbeats/<namespace>/<name>}. */
    public String checkInUrl() {
        return "http://127.0.0.1:" + checkInPort;
    }

    /** The operator's wellness checks (the archive's condition): {@code /q/health/well}. */
    public String wellnessUrl() {
        return "http://127.0.0.1:" + port + "/q/health/well";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + port + "/q/metrics";
    }

    /**
     * The sum of the samples of a metric on /q/metrics whose name (and labels, when given as
     * {@code name{label="value"}}) match; 0 when there are none.
     */
    public double metric(String selector) {
        return MetricsPage.read(metricsUrl()).sum(selector);
    }

    /**
     * Stops the process as Kubernetes stops a pod (SIGTERM).
     *
     * @return whether it ended by itself within the time given
     */
    public boolean terminate(Duration within) {
        stopped = true;
        STARTED.remove(this);
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

    /** How many threads the process has now, from /proc. */
    public long threads() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream().filter(l -> l.startsWith("Threads:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code jcmd <pid> <command...>} prints about the process. */
    public String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid())));
        line.addAll(List.of(command));
        return TestCluster.run(Duration.ofSeconds(30), line.toArray(String[]::new));
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

    private static String newIdentity(String namespace) {
        return namespace + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A crash and the replica that replaces it: the process is killed and a new one starts with the
     * same settings and port but a leader-election identity of its own, as a new pod would have.
     */
    public OperatorProcess restart() {
        kill();
        identity = newIdentity(namespace);
        return start();
    }

    /** Ends the process at once, as a crash or an OOM kill would: no graceful shutdown. */
    public void kill() {
        stopped = true;
        STARTED.remove(this);
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

    /**
     * What a failed test should say about the operators it runs: any that ended without being
     * stopped (with its exit code), and each one's last warnings, so that a CI log shows why
     * an operator did nothing. Empty when there is nothing to say.
     */
    public static String report() {
        StringBuilder report = new StringBuilder();
        for (OperatorProcess operator : STARTED) {
            if (operator.stopped) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.exists(operator.log) ? Files.readAllLines(operator.log) : List.of();
            } catch (IOException | java.io.UncheckedIOException e) {
                lines = List.of();
            }
            List<String> warnings = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
                    .filter(l -> !l.contains("VersionUsageUtils")).toList();
            boolean alive = operator.process.isAlive();
            report.append(System.lineSeparator()).append("  operator for ").append(operator.namespace)
                    .append(alive ? " is running" : " EXITED with code " + operator.process.exitValue())
                    .append(" (log: ").append(operator.log).append(")");
            List<String> shown = alive ? warnings : lines;
            shown.subList(Math.max(0, shown.size() - 6), shown.size())
                    .forEach(l -> report.append(System.lineSeparator()).append("    ").append(l.length() > 400 ? l.substring(0, 400) + "…" : l));
        }
        return report.toString();
    }
}
