package dev.klaxon.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Alert;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.MaintenanceMatcher;
import dev.klaxon.api.v1alpha1.MaintenancePublication;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MaintenanceWindowSpec;
import dev.klaxon.api.v1alpha1.MaintenanceWindowStatus;
import dev.klaxon.api.v1alpha1.PublicMaintenance;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.ChartPolicies;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows kept by the packaged operator on the real control plane, against the real
 * Prometheus: a matching alert opens no incident while the window is active (its rule's status
 * names the window), opens it as soon as the window ends, the status page shows the maintenance,
 * a window that held back nothing says so, and the chart's policy puts the creator on it.
 */
@OperatorTest(namespace = "maintenance")
class MaintenanceWindowIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String METRIC = "klaxon_maintenance_it_errors";
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    private static MaintenanceWindow window(String name, Instant start, Instant end, MaintenanceMatcher... matchers) {
        MaintenanceWindow window = new MaintenanceWindow();
        window.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        MaintenanceWindowSpec spec = new MaintenanceWindowSpec();
        spec.setComment("Database failover drill");
        spec.setMatchers(List.of(matchers));
        spec.setStartsAt(Timestamps.format(start));
        spec.setEndsAt(Timestamps.format(end));
        window.setSpec(spec);
        return window;
    }

    private static MaintenanceMatcher matcher(MaintenanceMatcher.Target on, String name, MaintenanceMatcher.Operator operator, String value) {
        return new MaintenanceMatcher(on, name, operator, value);
    }

    private static MaintenanceWindow awaitWindow(String name, java.util.function.Predicate<MaintenanceWindowStatus> condition) {
        return Awaitility.await("window " + name).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resources(MaintenanceWindow.class).inNamespace(namespace).withName(name).get(),
                        w -> w != null && w.getStatus() != null && condition.test(w.getStatus()));
    }

    private static List<Incident> incidentsOf(String rule) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, rule).list().getItems();
    }

    @Test
    void aMatchingAlertOpensNoIncidentWhileTheWindowIsActiveAndOpensItAsSoonAsItEnds() {
        StatusPage page = ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
        page.getMetadata().setNamespace(namespace);
        admin.resource(page).create();
        Instant end = Instant.now().plusSeconds(25);
        MaintenanceWindow drill = window("db-drill", Instant.now().minusSeconds(60), end,
                matcher(MaintenanceMatcher.Target.SERVICE, null, MaintenanceMatcher.Operator.EQUAL, "checkout"),
                matcher(MaintenanceMatcher.Target.LABEL, "cluster", MaintenanceMatcher.Operator.MATCHES, "eu-.*"));
        MaintenancePublication publication = new MaintenancePublication();
        publication.setPage("acme-status");
        publication.setTitle("Database failover drill");
        publication.setComponents(List.of("api"));
        drill.getSpec().setPublication(publication);
        // The team's channel hears the start and the end.
        TestReceiver ops = new TestReceiver();
        Channels.webhook(admin, namespace, "ops", ops.url("/ops"), 600);
        drill.getSpec().setChannels(List.of("ops"));
        admin.resource(drill).create();
        awaitWindow("db-drill", s -> s.getPhase() == MaintenanceWindowStatus.Phase.Active);

        TestExporter.get().set(METRIC, 5, "cluster", "eu-1");
        TestExporter.get().set(METRIC, 5, "cluster", "us-1");
        AlertRule rule = Rules.aboveOne(namespace, "checkout-errors", METRIC, AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY);
        IncidentTemplate template = new IncidentTemplate();
        template.setAffectedServices(List.of("checkout"));
        rule.getSpec().setIncident(template);
        admin.resource(rule).create();

        // The us-1 alert is not the window's: it opens its incident. The eu-1 alert is held back, and its rule says by what.
        Awaitility.await("the us-1 incident").atMost(WAIT).until(() -> incidentsOf("checkout-errors").size() == 1);
        AlertRule held = Awaitility.await("eu-1 held back").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(rule).get(), r -> r.getStatus() != null && r.getStatus().getAlerts() != null
                        && r.getStatus().getAlerts().stream().anyMatch(a -> "db-drill".equals(a.getSuppressedBy())));
        Alert eu = held.getStatus().getAlerts().stream().filter(a -> "eu-1".equals(a.getLabels().get("cluster"))).findFirst().orElseThrow();
        assertThat(eu.getSuppressedBy()).isEqualTo("db-drill");
        assertThat(eu.getIncident()).isNull();
        assertThat(incidentsOf("checkout-errors")).singleElement()
                .satisfies(i -> assertThat(i.getSpec().getSource().getLabels()).containsEntry("cluster", "us-1"));
        assertThat(awaitWindow("db-drill", s -> Boolean.TRUE.equals(s.getMatched())).getStatus().getEndsAt())
                .isEqualTo(Timestamps.format(end));

        StatusPage shown = Awaitility.await("maintenance on the page").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(page).get(), p -> p.getStatus() != null && !p.getStatus().getMaintenances().isEmpty());
        PublicMaintenance maintenance = shown.getStatus().getMaintenances().get(0);
        assertThat(maintenance.getStatus()).isEqualTo(PublicMaintenance.State.in_progress);
        assertThat(maintenance.getName()).isEqualTo("Database failover drill");
        assertThat(maintenance.getComponents()).containsExactly("api");
        assertThat(shown.getStatus().getComponents()).filteredOn(c -> c.getId().equals("api")).extracting(ComponentState::getStatus)
                .containsExactly(ComponentStatus.maintenance);

        // The window ends by itself: the held alert still fires, so its incident opens at once (not a repeat interval later).
        Incident opened = Awaitility.await("the eu-1 incident once the window ends").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> incidentsOf("checkout-errors").stream().filter(i -> "eu-1".equals(i.getSpec().getSource().getLabels().get("cluster")))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(Timestamps.parse(opened.getMetadata().getCreationTimestamp())).isAfterOrEqualTo(end.minusSeconds(1));
        awaitWindow("db-drill", s -> s.getPhase() == MaintenanceWindowStatus.Phase.Ended);
        StatusPage after = Awaitility.await("maintenance completed").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(page).get(), p -> p.getStatus().getMaintenances().get(0).getStatus() == PublicMaintenance.State.completed);
        assertThat(after.getStatus().getComponents()).filteredOn(c -> c.getId().equals("api")).extracting(ComponentState::getStatus)
                .doesNotContain(ComponentStatus.maintenance);

        // Told: the start, then the end, which names the held alert that opens its incident now.
        Awaitility.await("the start and the end told").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resource(drill).get().getStatus().getNotifications(), n -> n != null && n.size() == 2
                        && n.stream().allMatch(r -> r.getOutcome() == dev.klaxon.api.v1alpha1.NotificationRecord.Outcome.Delivered));
        List<String> told = ops.accepted("/ops").stream().map(TestReceiver.Request::body).toList();
        ops.close();
        assertThat(told.get(0)).contains("\"kind\":\"maintenance-started\"").contains("Maintenance started: Database failover drill")
                .contains("\"maintenance\":{");
        assertThat(told.get(1)).contains("\"kind\":\"maintenance-ended\"").contains("1 alert(s) it held back still fired as it ended")
                .contains("checkout-errors").contains("eu-1").doesNotContain("us-1");
        assertThat(told).as("each told once").hasSize(2);
    }

    @Test
    void aWindowThatHeldBackNothingSaysSo() {
        admin.resource(window("wrong-matchers", Instant.now().minusSeconds(1), Instant.now().plusSeconds(4),
                matcher(MaintenanceMatcher.Target.RULE, null, MaintenanceMatcher.Operator.EQUAL, "no-such-rule"))).create();
        MaintenanceWindow ended = awaitWindow("wrong-matchers", s -> s.getPhase() == MaintenanceWindowStatus.Phase.Ended);
        assertThat(ended.getStatus().getMatchedNothingAt()).isNotNull();
        assertThat(ended.getStatus().getMatched()).isNotEqualTo(Boolean.TRUE);
        Awaitility.await("MatchedNothing").atMost(WAIT).until(() -> admin.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(e -> "MatchedNothing".equals(e.getReason()) && "wrong-matchers".equals(e.getInvolvedObject().getName())));
    }

    @Test
    void anUnreadableWindowHoldsNothingBackAndSaysWhy() {
        MaintenanceWindow bad = window("bad-regex", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600),
                matcher(MaintenanceMatcher.Target.LABEL, "instance", MaintenanceMatcher.Operator.MATCHES, "(unclosed"));
        admin.resource(bad).create();
        Condition ready = Await.ready(admin, MaintenanceWindow.class, namespace, "bad-regex", Condition.Status.False);
        assertThat(ready.getReason()).isEqualTo("InvalidMatcher");
        assertThat(ready.getMessage()).contains("spec.matchers[0].value");

        assertThat(kubectlRefusal("{\"apiVersion\":\"klaxon.dev/v1alpha1\",\"kind\":\"MaintenanceWindow\",\"metadata\":{\"name\":\"backwards\"},"
                + "\"spec\":{\"comment\":\"x\",\"matchers\":[{\"target\":\"rule\",\"value\":\"a\"}],\"startsAt\":\"2026-12-05T10:00:00Z\","
                + "\"endsAt\":\"2026-12-05T09:00:00Z\"}}")).contains("spec.endsAt must be after spec.startsAt");
        assertThat(kubectlRefusal("{\"apiVersion\":\"klaxon.dev/v1alpha1\",\"kind\":\"MaintenanceWindow\",\"metadata\":{\"name\":\"whenever\"},"
                + "\"spec\":{\"comment\":\"x\",\"matchers\":[{\"target\":\"rule\",\"value\":\"a\"}]}}")).contains("a window needs spec.startsAt");
        assertThat(kubectlRefusal("{\"apiVersion\":\"klaxon.dev/v1alpha1\",\"kind\":\"MaintenanceWindow\",\"metadata\":{\"name\":\"nolabel\"},"
                + "\"spec\":{\"comment\":\"x\",\"matchers\":[{\"target\":\"label\",\"value\":\"a\"}],\"startsAt\":\"2026-12-05T10:00:00Z\","
                + "\"endsAt\":\"2026-12-05T11:00:00Z\"}}")).contains("a label matcher needs");
    }

    @Test
    void aWindowUntilTheYear9999IsRefusedAndHoldsNothingBack() {
        admin.resource(window("for-ever", Instant.now().minusSeconds(60), Instant.parse("9999-12-31T00:00:00Z"),
                matcher(MaintenanceMatcher.Target.RULE, null, MaintenanceMatcher.Operator.EQUAL, "any-rule"))).create();

        Condition ready = Await.ready(admin, MaintenanceWindow.class, namespace, "for-ever", Condition.Status.False);

        assertThat(ready.getReason()).isEqualTo("TooLong");
        assertThat(ready.getMessage()).contains("longer than the 168h a maintenance may last in this cluster", "holds nothing back");
        assertThat(admin.resources(MaintenanceWindow.class).inNamespace(namespace).withName("for-ever").get().getStatus().getPhase())
                .as("in no occurrence").isNull();
    }

    @Test
    void theChartsPolicyPutsTheCreatorOnTheWindow() {
        ChartPolicies.installApprovalPolicy(admin);
        String enforced = TestCluster.get().createNamespace("maintenance-policy");
        admin.namespaces().withName(enforced).edit(ns -> {
            ns.getMetadata().getLabels().put(ChartPolicies.APPROVALS_LABEL, ChartPolicies.APPROVALS_ENFORCED);
            return ns;
        });
        admin.rbac().roles().inNamespace(enforced).resource(new RoleBuilder().withNewMetadata().withName("maintainer").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups(KlaxonApi.GROUP).withResources("maintenancewindows")
                        .withVerbs("create", "get", "patch", "update", "delete").build()).build()).create();
        admin.rbac().roleBindings().inNamespace(enforced).resource(new RoleBindingBuilder().withNewMetadata().withName("carol").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "maintainer")
                .addNewSubject().withKind("User").withName("carol@example.com").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        MaintenanceWindow forged = window("forged", Instant.now(), Instant.now().plusSeconds(600),
                matcher(MaintenanceMatcher.Target.RULE, null, MaintenanceMatcher.Operator.EQUAL, "x"));
        forged.getMetadata().setNamespace(enforced);
        forged.getSpec().setCreatedBy("mallory@example.com");
        KubernetesClient carol = Users.as("carol@example.com");

        Awaitility.await("the policy in force").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                carol.resource(forged).create();
                carol.resource(forged).delete();
                return false;
            } catch (KubernetesClientException refused) {
                return refused.getMessage().contains("spec.createdBy must be the user creating the window: carol@example.com");
            }
        });
        forged.getSpec().setCreatedBy("carol@example.com");
        MaintenanceWindow made = carol.resource(forged).create();
        assertThat(made.getSpec().getCreatedBy()).isEqualTo("carol@example.com");
        made.getSpec().setCreatedBy("someone-else");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> carol.resource(made).update())
                .hasMessageContaining("spec.createdBy cannot change");

        // kubectl klaxon maintain fills in who you are.
        assertThat(Users.plugin(enforced, "carol@example.com", 0, "maintain", "db-patch", "--for", "1h", "--comment", "Patching",
                "--service", "checkout", "--label", "cluster=~eu-.*")).contains("maintenancewindow db-patch created", "by carol@example.com");
        assertThat(admin.resources(MaintenanceWindow.class).inNamespace(enforced).withName("db-patch").get().getSpec().getCreatedBy())
                .isEqualTo("carol@example.com");
    }

    /** What kubectl says when the API server refuses {@code manifest} (the test fails when it is accepted). */
    private static String kubectlRefusal(String manifest) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("window", ".json");
            java.nio.file.Files.writeString(file, manifest);
            TestCluster.kubectl(namespace, "apply", "-f", file.toString());
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the API server accepted " + manifest);
    }
}
