package dev.klaxon.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ClusterServiceDependency;
import dev.klaxon.api.v1alpha1.ClusterServiceDependencySpec;
import dev.klaxon.api.v1alpha1.Correlation;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.HoldReason;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.ServiceDependency;
import dev.klaxon.api.v1alpha1.ServiceDependencySpec;
import dev.klaxon.api.v1alpha1.ServiceReference;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Less noise on the real control plane, against the real Prometheus: a database outage whose
 * dependent services' rules fire too pages once (the database's incident lists them), and a
 * dependent still failing once it resolves opens its own; a namespace's declarations hold back
 * only its own alerts, a cluster-wide one holds back the namespaces it names; and two rules on
 * one service under a correlating policy make one incident.
 */
@OperatorTest(namespace = "noise", moreNamespaces = {"databases", "shop-a", "shop-b", "other"})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class NoiseIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static dev.klaxon.testing.OperatorProcess operator;
    private static TestReceiver pager;

    @BeforeAll
    static void start() {
        pager = new TestReceiver();
        Channels.webhook(admin, namespace, "pager", pager.url("/page"), 600);
        admin.resource(Policies.oneLevel(namespace, "on-call", List.of("carol@example.com"), List.of("pager"))).create();
    }

    @AfterAll
    static void stop() {
        if (pager != null) {
            pager.close();
        }
    }

    /** A rule of {@code service} firing while {@code metric} is above one, paging through {@code policy}. */
    private static AlertRule rule(String ns, String name, String metric, String service, String policy) {
        AlertRule rule = Rules.aboveOne(ns, name, metric, AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY);
        rule.getSpec().setLabels(Map.of("service", service));
        if (policy != null) {
            IncidentTemplate template = new IncidentTemplate();
            template.setEscalationPolicyRef(policy);
            rule.getSpec().setIncident(template);
        }
        return admin.resource(rule).create();
    }

    private static ServiceDependency dependency(String ns, String name, List<String> services, List<String> dependsOn) {
        ServiceDependency dependency = new ServiceDependency();
        dependency.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        ServiceDependencySpec spec = new ServiceDependencySpec();
        spec.setServices(services);
        spec.setDependsOn(dependsOn);
        dependency.setSpec(spec);
        ServiceDependency created = admin.resource(dependency).create();
        awaitReady(created);
        return created;
    }

    private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ? extends dev.klaxon.api.v1alpha1.KlaxonStatus>> void awaitReady(T resource) {
        Awaitility.await(resource.getKind() + " " + resource.getMetadata().getName() + " Ready").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Await.readyCondition(admin.resource(resource).get()),
                        c -> c.isPresent() && c.get().getStatus() == dev.klaxon.api.v1alpha1.Condition.Status.True);
    }

    private static List<Incident> incidentsOf(String ns, String rule) {
        return admin.resources(Incident.class).inNamespace(ns).withLabel(KlaxonApi.LABEL_RULE, rule).list().getItems();
    }

    private static Incident awaitIncident(String ns, String rule) {
        return Awaitility.await("an incident of " + ns + "/" + rule).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> incidentsOf(ns, rule).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    private static Incident awaitStatus(Incident incident, String what, Predicate<Incident> condition) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(incident).get(), i -> i != null && i.getStatus() != null && condition.test(i));
    }

    private static boolean paged(Incident incident) {
        return incident.getStatus().getNotifications() != null && incident.getStatus().getNotifications().stream()
                .anyMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered);
    }

    private static Alert onlyAlert(String ns, String rule) {
        AlertRule current = admin.resources(AlertRule.class).inNamespace(ns).withName(rule).get();
        return current.getStatus().getAlerts().get(0);
    }

    @Test
    void aDatabaseOutagePagesOnceListingItsDependentsAndAStillFailingDependentOpensItsOwnOnceItResolves() {
        TestExporter exporter = TestExporter.get();
        dependency(namespace, "payments", List.of("payments-api", "checkout"), List.of("payments-db"));
        // The storefront depends on checkout, so on the database through it.
        dependency(namespace, "storefront", List.of("storefront"), List.of("checkout"));
        exporter.set("klaxon_noise_db_down", 5);
        rule(namespace, "db-down", "klaxon_noise_db_down", "payments-db", "on-call");
        Incident database = awaitIncident(namespace, "db-down");
        awaitStatus(database, "the database incident paged", NoiseIT::paged);

        for (String service : List.of("payments-api", "checkout", "storefront")) {
            exporter.set("klaxon_noise_" + service.replace('-', '_') + "_errors", 5);
            rule(namespace, service + "-errors", "klaxon_noise_" + service.replace('-', '_') + "_errors", service, "on-call");
        }
        Incident listing = awaitStatus(database, "the three dependents attached", i -> Integer.valueOf(3).equals(i.getStatus().getHeldBackAlertCount()));

        assertThat(listing.getStatus().getHeldBackAlerts()).extracting(HeldBackAlert::getAlertRule)
                .containsExactlyInAnyOrder("payments-api-errors", "checkout-errors", "storefront-errors");
        assertThat(listing.getStatus().getHeldBackAlerts()).allSatisfy(a -> {
            assertThat(a.getReason()).isEqualTo(HoldReason.Dependency);
            assertThat(a.getNamespace()).isEqualTo(namespace);
        });
        assertThat(listing.getStatus().getTimeline()).anySatisfy(e -> assertThat(e.getType()).isEqualTo("AlertsAttached"));
        for (String service : List.of("payments-api", "checkout", "storefront")) {
            assertThat(incidentsOf(namespace, service + "-errors")).as(service + " opened no incident").isEmpty();
            Alert held = onlyAlert(namespace, service + "-errors");
            assertThat(held.getHeldBackBy()).isEqualTo(namespace + "/" + database.getMetadata().getName());
            assertThat(held.getHeldBecause()).isEqualTo(HoldReason.Dependency);
        }
        // Each page's delivery id names its incident's uid and its policy.
        assertThat(pager.accepted("/page")).filteredOn(r -> r.header("X-klaxon-delivery").contains("-escalation-on-call-"))
                .as("one page, the database's").singleElement()
                .satisfies(r -> assertThat(r.header("X-klaxon-delivery")).contains(database.getMetadata().getUid()));

        // Two dependents recover; the storefront still fails when the database incident resolves.
        exporter.set("klaxon_noise_payments_api_errors", 0);
        exporter.set("klaxon_noise_checkout_errors", 0);
        awaitStatus(database, "the recovered dependents let go", i -> Integer.valueOf(1).equals(i.getStatus().getHeldBackAlertCount()));
        admin.resource(database).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"" + IncidentPhase.Resolved + "\"}}");
        Incident storefront = awaitIncident(namespace, "storefront-errors");
        awaitStatus(storefront, "the storefront incident paged", NoiseIT::paged);
        assertThat(incidentsOf(namespace, "checkout-errors")).isEmpty();
        assertThat(incidentsOf(namespace, "payments-api-errors")).isEmpty();
        Incident resolved = awaitStatus(database, "the database incident resolved", i -> i.getStatus().getResolvedAt() != null);
        assertThat(resolved.getStatus().getHeldBackAlertCount()).as("what it held back stays on its record").isEqualTo(1);
        exporter.set("klaxon_noise_storefront_errors", 0);
    }

    @Test
    void aNamespaceHoldsBackOnlyItsOwnAlertsAndAClusterWideDependencyTheNamespacesItNames() {
        String databases = namespace + "-databases";
        String shopA = namespace + "-shop-a";
        String shopB = namespace + "-shop-b";
        String other = namespace + "-other";
        // Declared by hand: the platform team's outage of the shared database.
        Incident outage = new Incident();
        outage.setMetadata(new ObjectMetaBuilder().withName("postgres-shared-down").withNamespace(databases).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("Shared Postgres is down");
        spec.setSeverity(Severity.SEV1);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of("postgres-shared"));
        spec.setImpact(impact);
        outage.setSpec(spec);
        Incident root = admin.resource(outage).create();
        awaitStatus(root, "the outage recorded", i -> i.getStatus().getPhase() != null);

        // Another tenant's declaration names the same services: it holds back nothing of theirs in other namespaces.
        dependency(other, "web-on-postgres", List.of("web"), List.of("postgres-shared"));
        ClusterServiceDependency shared = new ClusterServiceDependency();
        shared.setMetadata(new ObjectMetaBuilder().withName(shopB + "-on-postgres").build());
        ClusterServiceDependencySpec sharedSpec = new ClusterServiceDependencySpec();
        sharedSpec.setDependsOn(List.of(new ServiceReference(databases, "postgres-shared")));
        sharedSpec.setNamespaces(List.of(shopB));
        shared.setSpec(sharedSpec);
        ClusterServiceDependency declared = admin.resource(shared).create();
        try {
            awaitReady(declared);
            TestExporter.get().set("klaxon_noise_web_errors", 5);
            for (String ns : List.of(shopA, shopB, other)) {
                rule(ns, "web-errors", "klaxon_noise_web_errors", "web", null);
            }

            awaitIncident(shopA, "web-errors");
            awaitIncident(other, "web-errors");
            Incident listing = awaitStatus(root, "shop-b's alert attached", i -> Integer.valueOf(1).equals(i.getStatus().getHeldBackAlertCount()));
            assertThat(listing.getStatus().getHeldBackAlerts()).singleElement().satisfies(a -> {
                assertThat(a.getNamespace()).isEqualTo(shopB);
                assertThat(a.getAlertRule()).isEqualTo("web-errors");
            });
            assertThat(incidentsOf(shopB, "web-errors")).isEmpty();
            assertThat(onlyAlert(shopB, "web-errors").getHeldBackBy()).isEqualTo(databases + "/postgres-shared-down");

            // A namespace the operator does not watch holds nothing back, and the declaration says so.
            ClusterServiceDependency elsewhere = new ClusterServiceDependency();
            elsewhere.setMetadata(new ObjectMetaBuilder().withName(shopB + "-on-unwatched").build());
            ClusterServiceDependencySpec elsewhereSpec = new ClusterServiceDependencySpec();
            elsewhereSpec.setDependsOn(List.of(new ServiceReference("kube-system", "dns")));
            elsewhere.setSpec(elsewhereSpec);
            ClusterServiceDependency unwatched = admin.resource(elsewhere).create();
            try {
                var condition = Awaitility.await("NamespaceNotWatched").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                        .until(() -> Await.readyCondition(admin.resource(unwatched).get()), c -> c.isPresent()).orElseThrow();
                assertThat(condition.getStatus()).isEqualTo(dev.klaxon.api.v1alpha1.Condition.Status.False);
                assertThat(condition.getReason()).isEqualTo("NamespaceNotWatched");
                assertThat(condition.getMessage()).contains("kube-system");
            } finally {
                admin.resource(unwatched).delete();
            }
        } finally {
            TestExporter.get().set("klaxon_noise_web_errors", 0);
            admin.resource(declared).delete();
        }
    }

    /** Last: it replaces the operator with one that watches the test's own namespace only. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aRestartKeepsEveryAttachmentAndTellsNothingTwice() {
        TestExporter exporter = TestExporter.get();
        dependency(namespace, "inventory", List.of("inventory-api"), List.of("inventory-db"));
        exporter.set("klaxon_noise_inventory_db_down", 5);
        rule(namespace, "inventory-db-down", "klaxon_noise_inventory_db_down", "inventory-db", "on-call");
        Incident database = awaitIncident(namespace, "inventory-db-down");
        exporter.set("klaxon_noise_inventory_api_errors", 5);
        rule(namespace, "inventory-api-errors", "klaxon_noise_inventory_api_errors", "inventory-api", "on-call");
        Incident before = awaitStatus(database, "the API's alert attached", i -> Integer.valueOf(1).equals(i.getStatus().getHeldBackAlertCount()));
        long told = before.getStatus().getTimeline().stream().filter(e -> "AlertsAttached".equals(e.getType())).count();

        operator.kill();
        try (dev.klaxon.testing.OperatorProcess restarted = new dev.klaxon.testing.OperatorProcess(namespace).start()) {
            // The killed one's Lease expires first; then well past the new operator's first evaluations and the incident's reconciles at start.
            Awaitility.await("the restarted operator evaluates").atMost(Duration.ofSeconds(120))
                    .until(() -> restarted.metric("klaxon_rule_evaluations_total") > 60);
            Incident after = admin.resource(database).get();
            assertThat(after.getStatus().getHeldBackAlertCount()).as("still listed").isEqualTo(1);
            assertThat(after.getStatus().getTimeline().stream().filter(e -> "AlertsAttached".equals(e.getType())).count())
                    .as("told once, not again after the restart").isEqualTo(told);
            assertThat(incidentsOf(namespace, "inventory-api-errors")).as("the attached alert still pages nobody").isEmpty();
            assertThat(onlyAlert(namespace, "inventory-api-errors").getHeldBackBy()).isEqualTo(namespace + "/" + database.getMetadata().getName());
        } finally {
            exporter.set("klaxon_noise_inventory_db_down", 0);
            exporter.set("klaxon_noise_inventory_api_errors", 0);
        }
    }

    @Test
    void twoRulesOnOneServiceWithinThePolicysWindowMakeOneIncident() {
        EscalationPolicy policy = Policies.oneLevel(namespace, "search-on-call", List.of("dave@example.com"), List.of("pager"));
        Correlation correlation = new Correlation();
        correlation.setLabels(List.of("service"));
        correlation.setWindow("10m");
        policy.getSpec().setCorrelation(correlation);
        awaitReady(admin.resource(policy).create());
        TestExporter exporter = TestExporter.get();
        exporter.set("klaxon_noise_search_latency", 5);
        rule(namespace, "search-latency", "klaxon_noise_search_latency", "search", "search-on-call");
        Incident first = awaitIncident(namespace, "search-latency");

        exporter.set("klaxon_noise_search_errors", 5);
        exporter.set("klaxon_noise_indexer_lag", 5);
        rule(namespace, "search-errors", "klaxon_noise_search_errors", "search", "search-on-call");
        rule(namespace, "indexer-lag", "klaxon_noise_indexer_lag", "indexer", "search-on-call");

        Incident indexer = awaitIncident(namespace, "indexer-lag");
        awaitStatus(indexer, "another service's incident pages as usual", NoiseIT::paged);
        Incident listing = awaitStatus(first, "search-errors joined the first incident", i -> Integer.valueOf(1).equals(i.getStatus().getHeldBackAlertCount()));
        assertThat(listing.getStatus().getHeldBackAlerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertRule()).isEqualTo("search-errors");
            assertThat(a.getReason()).isEqualTo(HoldReason.Correlation);
        });
        assertThat(incidentsOf(namespace, "search-errors")).isEmpty();
        assertThat(onlyAlert(namespace, "search-errors").getHeldBecause()).isEqualTo(HoldReason.Correlation);
        for (String metric : List.of("klaxon_noise_search_latency", "klaxon_noise_search_errors", "klaxon_noise_indexer_lag")) {
            exporter.set(metric, 0);
        }
    }
}
