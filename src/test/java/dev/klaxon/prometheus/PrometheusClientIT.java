package dev.klaxon.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.Ports;
import dev.klaxon.testing.PromLabelProxy;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The client against a real Prometheus: results, and errors in Prometheus's own words. */
class PrometheusClientIT {

    private final PrometheusClient client = new PrometheusClient(URI.create(TestPrometheus.get().url()), Duration.ofSeconds(5),
            Optional.empty(), Optional.empty());

    @Test
    void readsInstantVectorsWithLabels() {
        TestExporter.get().set("klaxon_client_test", 42.5, "service", "api");

        var samples = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> client.query("klaxon_client_test", Instant.now()), s -> !s.isEmpty());

        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(42.5);
            assertThat(s.labels()).containsEntry("__name__", "klaxon_client_test").containsEntry("service", "api");
        });
    }

    @Test
    void readsScalarsAndSpecialValues() throws Exception {
        assertThat(client.query("scalar(vector(3))", Instant.now())).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3));
        assertThat(client.query("vector(1) / vector(0)", Instant.now())).singleElement()
                .satisfies(s -> assertThat(s.value()).isInfinite());
    }

    @Test
    void aParseErrorCarriesPrometheusMessageWithThePosition() {
        assertThatThrownBy(() -> client.query("sum(rate(x[5m]", Instant.now()))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PrometheusException.Kind.QueryFailed);
                    assertThat(e.getMessage()).startsWith("Prometheus: bad_data: ").contains("parse error").contains("1:");
                });
    }

    @Test
    void anAnswerWithMoreSeriesOrBytesThanAllowedIsTooManySeriesNotData() {
        for (int i = 0; i < 5; i++) {
            TestExporter.get().set("klaxon_client_wide", i, "instance", "i" + i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> client.query("klaxon_client_wide", Instant.now()), s -> s.size() == 5);
        URI url = URI.create(TestPrometheus.get().url());
        PrometheusClient fewSeries = new PrometheusClient(url, Duration.ofSeconds(5), Optional.empty(), Optional.empty(),
                new PrometheusClient.Limits(1 << 20, 4));
        PrometheusClient fewBytes = new PrometheusClient(url, Duration.ofSeconds(5), Optional.empty(), Optional.empty(),
                new PrometheusClient.Limits(300, 1000));

        assertThatThrownBy(() -> fewSeries.query("klaxon_client_wide", Instant.now()))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PrometheusException.Kind.TooManySeries);
                    assertThat(e.getMessage()).contains("returned 5 series, more than the 4");
                });
        assertThatThrownBy(() -> fewBytes.query("klaxon_client_wide", Instant.now()))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PrometheusException.Kind.TooManySeries);
                    assertThat(e.getMessage()).contains("is larger than");
                });
    }

    @Test
    void aRangeVectorIsRefusedClearly() {
        assertThatThrownBy(() -> client.query("up[5m]", Instant.now()))
                .isInstanceOfSatisfying(PrometheusException.class, e ->
                        assertThat(e.getMessage()).contains("matrix").contains("instant vector"));
    }

    @Test
    void nobodyListeningIsUnreachableNotAnEmptyAnswer() {
        PrometheusClient nowhere = new PrometheusClient(URI.create("http://127.0.0.1:" + Ports.free()), Duration.ofSeconds(2),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> nowhere.query("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PrometheusException.Kind.Unreachable);
                    assertThat(e.getMessage()).contains("is unreachable");
                });
    }

    @Test
    void inTheTenancyModeANamespaceReadsOnlyItsOwnSeriesThroughPromLabelProxy() throws Exception {
        TestExporter.get().set("klaxon_tenancy_test", 1, "namespace", "t1", "customer", "acme");
        TestExporter.get().set("klaxon_tenancy_test", 2, "namespace", "t2", "customer", "globex");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.query("klaxon_tenancy_test", Instant.now()), s -> s.size() == 2);
        try (PromLabelProxy proxy = PromLabelProxy.start()) {
            PrometheusClient tenanted = new PrometheusClient(URI.create(proxy.url()), Duration.ofSeconds(5), Optional.empty(),
                    Optional.empty()).withTenantParameter(Optional.of("namespace"));
            QueryRunner t1 = tenanted.forNamespace("t1");
            Awaitility.await("the proxy answers").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> t1.query("klaxon_tenancy_test", Instant.now()), s -> !s.isEmpty());

            assertThat(t1.query("klaxon_tenancy_test", Instant.now())).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("customer", "acme"));
            // Another tenant's series, asked for by name: refused, with the proxy's reason as the rule's.
            for (String other : new String[] {"klaxon_tenancy_test{namespace=\"t2\"}", "{__name__=~\".+\",namespace=\"t2\"}"}) {
                assertThatThrownBy(() -> t1.query(other, Instant.now())).isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.getMessage()).contains("namespace"));
            }
            assertThat(tenanted.forNamespace("t2").query("klaxon_tenancy_test", Instant.now())).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("customer", "globex"));
        }
    }
}
