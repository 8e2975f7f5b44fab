package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.PromLabelProxy;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenancy mode end to end (issue 28, point 8): the packaged operator watching two tenants,
 * reading Prometheus through prom-label-proxy with {@code klaxon.prometheus.tenant-parameter}.
 * A rule of t1 that names t2's series gets a refusal on its own status, never t2's series or
 * values; each tenant's rule over the same metric sees only its own series.
 */
class TenancyModeIT {

    private static final String METRIC = "klaxon_tenancy_operator";
    private static KubernetesClient admin;
    private static String t1;
    private static String t2;
    private static PromLabelProxy proxy;
    private static OperatorProcess operator;

    @BeforeAll
    static void start() {
        admin = TestCluster.get().admin();
        t1 = TestCluster.get().createNamespace("tenancy-a");
        t2 = TestCluster.get().createNamespace("tenancy-b");
        TestExporter.get().set(METRIC, 5, "namespace", t1, "customer", "acme");
        TestExporter.get().set(METRIC, 7, "namespace", t2, "customer", "globex");
        proxy = PromLabelProxy.start();
        // Later settings win: the operator watches both tenants and reads through the proxy only.
        operator = new OperatorProcess(t1, "-Dquarkus.operator-sdk.namespaces=" + t1 + "," + t2,
                "-Dklaxon.prometheus.url=" + proxy.url(), "-Dklaxon.prometheus.tenant-parameter=namespace").start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aRuleThatNamesAnotherTenantsSeriesIsRefusedAndSeesNothingOfThem() {
        for (String[] rule : new String[][] {
                {"names-t2", METRIC + "{namespace=\"" + t2 + "\"}"},
                {"matches-t2", "{__name__=~\".+\",namespace=\"" + t2 + "\"}"}}) {
            admin.resource(Rules.aboveOne(t1, rule[0], rule[1], AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY)).create();
        }

        for (String name : List.of("names-t2", "matches-t2")) {
            Condition ready = Await.ready(admin, AlertRule.class, t1, name, Condition.Status.False);
            assertThat(ready.getMessage()).contains("namespace");
            AlertRule rule = admin.resources(AlertRule.class).inNamespace(t1).withName(name).get();
            assertThat(rule.getStatus().getAlerts()).isEmpty();
        }
        assertThat(admin.resources(Incident.class).inNamespace(t1).list().getItems())
                .noneSatisfy(i -> assertThat(i.getSpec().getSource().getLabels()).containsValue("globex"));
    }

    @Test
    void eachTenantsRuleOverTheSameMetricSeesOnlyItsOwnSeries() {
        admin.resource(Rules.aboveOne(t1, "own", METRIC, AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY)).create();
        admin.resource(Rules.aboveOne(t2, "own", METRIC, AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY)).create();

        assertThat(incidentOf(t1).getSpec().getSource().getLabels()).containsEntry("customer", "acme").doesNotContainValue("globex");
        assertThat(incidentOf(t2).getSpec().getSource().getLabels()).containsEntry("customer", "globex").doesNotContainValue("acme");
        for (String tenant : List.of(t1, t2)) {
            AlertRule rule = admin.resources(AlertRule.class).inNamespace(tenant).withName("own").get();
            assertThat(rule.getStatus().getAlerts()).singleElement()
                    .satisfies(a -> assertThat(a.getLabels()).containsEntry("namespace", tenant));
        }
    }

    private static Incident incidentOf(String namespace) {
        return Awaitility.await("the incident of " + namespace + "/own").atMost(Await.TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, "own")
                        .list().getItems(), list -> list.size() == 1).get(0);
    }
}
