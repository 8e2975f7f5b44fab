package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * prom-label-proxy in front of the tests' Prometheus, as the tenancy mode is meant to be run:
 * every query must carry {@code namespace=<namespace>}, which the proxy enforces on the series.
 */
public final class PromLabelProxy implements AutoCloseable {

    private final Process process;
    private final String url;

    private PromLabelProxy(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Started and answering. */
    public static PromLabelProxy start() {
        int port = Ports.free();
        String url = "http://127.0.0.1:" + port;
        Process process;
        try {
            process = new ProcessBuilder(Tools.promLabelProxy().toString(), "-label", "namespace",
                    "-error-on-replace", "-upstream", TestPrometheus.get().url(), "-insecure-listen-address", "127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("prom-label-proxy did not start (hack/build-control-plane.sh builds it)", e);
        }
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("prom-label-proxy answers").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .failFast("prom-label-proxy exited", () -> !process.isAlive())
                .until(() -> TestCluster.answersOk(http, URI.create(url + "/api/v1/query?namespace=any&query=up")));
        return new PromLabelProxy(process, url);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
