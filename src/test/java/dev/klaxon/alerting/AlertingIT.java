package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.AlertRuleStatus;
import dev.klaxon.api.v1alpha1.AutoResolve;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Classification;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.prometheus.PrometheusClient;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Rules evaluated by the packaged operator (its own process, the chart's ServiceAccount) against
 * a real Prometheus scraping a metrics endpoint the test controls, every second.
 */
@OperatorTest(namespace = "alerting")
class AlertingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String METRIC = "klaxon_test_value";
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static final TestExporter exporter = TestExporter.get();

    @Test
    void aThresholdRuleOpensOneIncidentAndResolvesIt() {
        exporter.set(METRIC, 0.02, "case", "threshold", "service", "checkout");
        AlertRule rule = rule("checkout-errors", SEV("SEV2"), threshold("threshold", ComparisonOperator.gt, 0.1));
        rule.getSpec().setForDuration("2s");
        rule.getSpec().setGroupBy(List.of("service"));
        rule.getSpec().setLabels(Map.of("team", "payments"));
        rule.getSpec().setAnnotations(Map.of("summary", "{{ $labels.service }} fails {{ $value | humanizePercentage }} of requests"));
        IncidentTemplate template = new IncidentTemplate();
        template.setTitle("High error rate on {{ $labels.service }}");
        template.setAffectedServices(List.of("checkout"));
        rule.getSpec().setIncident(template);
        create(rule);
        Await.ready(admin, AlertRule.class, namespace, "checkout-errors", Condition.Status.True);

        exporter.set(METRIC, 0.25, "case", "threshold", "service", "checkout");
        Incident incident = awaitIncidents("checkout-errors", 1).get(0);

        assertThat(incident.getSpec().getTitle()).isEqualTo("High error rate on checkout");
        assertThat(incident.getSpec().getSeverity()).isEqualTo(Severity.SEV2);
        assertThat(incident.getSpec().getCategory()).isEqualTo(Category.AVAILABILITY);
        assertThat(incident.getSpec().getDescription()).isEqualTo("checkout fails 25% of requests");
        assertThat(incident.getSpec().getImpact().getAffectedServices()).containsExactly("checkout");
        assertThat(incident.getSpec().getSource().getAlertRule()).isEqualTo("checkout-errors");
        assertThat(incident.getSpec().getSource().getValue()).isEqualTo("0.25");
        assertThat(incident.getSpec().getSource().getLabels()).containsEntry("service", "checkout").containsEntry("team", "payments");
        assertThat(incident.getMetadata().getLabels()).containsEntry(KlaxonApi.LABEL_RULE, "checkout-errors")
                .containsEntry(KlaxonApi.LABEL_SEVERITY, "SEV2")
                .containsEntry(KlaxonApi.LABEL_FINGERPRINT, incident.getSpec().getSource().getFingerprint());
        AlertRule firing = Awaitility.await().atMost(WAIT).until(() -> admin.resource(rule).get(),
                r -> r.getStatus().getState() == AlertRuleStatus.State.Firing && r.getStatus().getAlerts().get(0).getIncident() != null);
        assertThat(firing.getStatus().getAlerts()).singleElement().satisfies(a -> {
            assertThat(a.getIncident()).isEqualTo(incident.getMetadata().getName());
            assertThat(a.getLabels()).isEqualTo(Map.of("service", "checkout"));
            assertThat(a.getFiringAt()).isNotNull();
        });
        assertThat(firing.getStatus().getLastEvaluationTime()).isNotNull();

        exporter.set(METRIC, 0.01, "case", "threshold", "service", "checkout");
        Incident resolved = awaitPhase(incident, IncidentPhase.Resolved);

        assertThat(resolved.getStatus().getTimeline()).anySatisfy(entry -> {
            assertThat(entry.getType()).isEqualTo("PhaseChanged");
            assertThat(entry.getMessage()).startsWith("Detected -> Resolved: alert checkout-errors").contains("stopped firing");
            assertThat(entry.getAuthor()).isEqualTo("klaxon");
        });
        assertThat(resolved.getStatus().getAcknowledgedAt()).as("resolving by itself is no acknowledgment").isNull();
        assertThat(resolved.getStatus().getMttaSeconds()).isNull();
        assertThat(resolved.getStatus().getTimeline()).extracting(e -> e.getType()).contains("ResolvedUnacknowledged");
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(operator.metric("klaxon_incidents_unacknowledged_total{severity=\"SEV2\"}")).isGreaterThanOrEqualTo(1));
        assertThat(incidentsOf("checkout-errors")).hasSize(1);
    }

    @Test
    void aRefireAfterResolveOpensANewIncidentLinkingThePreviousOne() {
        exporter.set(METRIC, 5, "case", "refire");
        create(rule("refire", SEV("SEV4"), threshold("refire", ComparisonOperator.gte, 5)));
        Incident first = awaitIncidents("refire", 1).get(0);
        exporter.set(METRIC, 0, "case", "refire");
        awaitPhase(first, IncidentPhase.Resolved);

        exporter.set(METRIC, 6, "case", "refire");
        List<Incident> both = awaitIncidents("refire", 2);

        Incident second = both.stream().filter(i -> !i.getMetadata().getName().equals(first.getMetadata().getName())).findFirst().orElseThrow();
        assertThat(second.getMetadata().getAnnotations()).containsEntry(KlaxonApi.ANNOTATION_PREVIOUS_INCIDENT, first.getMetadata().getName());
        assertThat(second.getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);
    }

    @Test
    void rateOfChangeFiresOnADropAndClears() {
        exporter.set(METRIC, 100, "case", "rate");
        AlertCondition drop = condition(AlertCondition.Type.RateOfChange, query("rate"), ComparisonOperator.lt, -0.5);
        drop.setWindow("5s");
        create(rule("rate-drop", SEV("SEV3"), drop));
        Await.ready(admin, AlertRule.class, namespace, "rate-drop", Condition.Status.True);
        awaitEvaluatedSeconds("rate-drop", 6);
        assertThat(incidentsOf("rate-drop")).isEmpty();

        exporter.set(METRIC, 20, "case", "rate");
        Incident incident = awaitIncidents("rate-drop", 1).get(0);
        assertThat(Double.parseDouble(incident.getSpec().getSource().getValue())).isLessThan(-0.5);

        awaitPhase(incident, IncidentPhase.Resolved); // steady at 20: no change against 5s ago
    }

    @Test
    void absenceFiresWhileTheSeriesIsMissingAndClearsWhenItReturns() {
        create(rule("heartbeat-missing", SEV("SEV3"), condition(AlertCondition.Type.Absence, query("heartbeat"), null, null)));

        Incident incident = awaitIncidents("heartbeat-missing", 1).get(0);
        assertThat(incident.getSpec().getSource().getLabels()).isEmpty();

        exporter.set(METRIC, 1, "case", "heartbeat");
        awaitPhase(incident, IncidentPhase.Resolved);
    }

    @Test
    void anomalyFiresOnASpikeAgainstItsHistory() {
        AlertCondition spike = condition(AlertCondition.Type.Anomaly, query("anomaly"), ComparisonOperator.gt, 3.0);
        spike.setWindow("30s");
        // A noisy but steady history, scraped live: 10, 11, 10, 11, ...
        exporter.alternate(METRIC, 10, 11, "case", "anomaly");
        awaitSamples(query("anomaly"), 12);
        create(rule("latency-anomaly", SEV("SEV3"), spike));
        Await.ready(admin, AlertRule.class, namespace, "latency-anomaly", Condition.Status.True);
        awaitEvaluatedSeconds("latency-anomaly", 3);
        assertThat(incidentsOf("latency-anomaly")).isEmpty();

        exporter.set(METRIC, 60, "case", "anomaly");
        Incident incident = awaitIncidents("latency-anomaly", 1).get(0);
        assertThat(Double.parseDouble(incident.getSpec().getSource().getValue())).isGreaterThan(3.0);

        exporter.set(METRIC, 10, "case", "anomaly");
        awaitPhase(incident, IncidentPhase.Resolved);
    }

    @Test
    void matchAllAndAnyJoinConditionsPerAlert() {
        exporter.set(METRIC, 0.5, "case", "errors", "service", "api");
        exporter.set(METRIC, 0.5, "case", "errors", "service", "web");
        exporter.set(METRIC, 9, "case", "latency", "service", "api");
        exporter.set(METRIC, 1, "case", "latency", "service", "web");
        AlertRule all = rule("both-all", SEV("SEV3"), threshold("errors", ComparisonOperator.gt, 0.1),
                threshold("latency", ComparisonOperator.gt, 5));
        all.getSpec().setGroupBy(List.of("service"));
        AlertRule any = rule("both-any", SEV("SEV3"), threshold("errors", ComparisonOperator.gt, 0.1),
                threshold("latency", ComparisonOperator.gt, 5));
        any.getSpec().setGroupBy(List.of("service"));
        any.getSpec().setMatch(AlertRuleSpec.Match.Any);
        create(all);
        create(any);

        assertThat(awaitIncidents("both-any", 2)).extracting(i -> i.getSpec().getSource().getLabels().get("service"))
                .containsExactlyInAnyOrder("api", "web");
        assertThat(awaitIncidents("both-all", 1)).extracting(i -> i.getSpec().getSource().getLabels().get("service"))
                .containsExactly("api");
        awaitEvaluatedSeconds("both-all", 3);
        assertThat(incidentsOf("both-all")).hasSize(1);
    }

    @Test
    void invalidPromqlIsReportedWithPrometheusMessageAndOtherRulesKeepEvaluating() {
        create(rule("broken-query", SEV("SEV3"), condition(AlertCondition.Type.Threshold, "sum(rate(http_requests_total[5m]",
                ComparisonOperator.gt, 1.0)));
        exporter.set(METRIC, 7, "case", "neighbour");
        create(rule("neighbour", SEV("SEV5"), threshold("neighbour", ComparisonOperator.gt, 1)));

        Condition notReady = Await.ready(admin, AlertRule.class, namespace, "broken-query", Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("QueryFailed");
        assertThat(notReady.getMessage()).contains("bad_data").contains("parse error");
        assertThat(awaitIncidents("neighbour", 1)).hasSize(1);
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("broken-query");
                    assertThat(e.getReason()).isEqualTo("QueryFailed");
                });
    }

    @Test
    void severityAutoClassifiesAndRaisesTheOpenIncident() {
        exporter.set(METRIC, 0.15, "case", "auto", "service", "search");
        AlertRule rule = rule("auto-severity", null, threshold("auto", ComparisonOperator.gt, 0.05));
        rule.getSpec().setSeverity(AlertRuleSpec.RuleSeverity.Auto);
        rule.getSpec().setGroupBy(List.of("service"));
        Classification classification = new Classification();
        classification.setErrorRateQuery(query("auto"));
        rule.getSpec().setClassification(classification);
        create(rule);

        Incident incident = awaitIncidents("auto-severity", 1).get(0);
        assertThat(incident.getSpec().getSeverity()).isEqualTo(Severity.SEV3);

        exporter.set(METRIC, 0.6, "case", "auto", "service", "search");
        Incident raised = Awaitility.await().atMost(WAIT).until(() -> admin.resource(incident).get(),
                i -> i.getSpec().getSeverity() == Severity.SEV2 && i.getStatus().getTimeline().stream()
                        .anyMatch(e -> e.getType().equals("SeverityChanged")));
        assertThat(raised.getMetadata().getLabels()).containsEntry(KlaxonApi.LABEL_SEVERITY, "SEV2");
        assertThat(raised.getStatus().getTimeline()).filteredOn(e -> e.getType().equals("SeverityChanged")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith("SEV3 -> SEV2: classification of alert {service=search}"));
    }

    @Test
    void aRuleWhoseAlertsDoNotChangeIsNotRewrittenOnEveryEvaluation() {
        exporter.set(METRIC, 0.5, "case", "quiet");
        exporter.set(METRIC, 7, "case", "steady", "service", "search");
        create(rule("quiet", SEV("SEV4"), threshold("quiet", ComparisonOperator.gt, 1)));
        create(rule("steady", SEV("SEV4"), threshold("steady", ComparisonOperator.gt, 1)));
        awaitIncidents("steady", 1);
        AlertRule quiet = Awaitility.await().atMost(WAIT).until(() -> admin.resources(AlertRule.class).inNamespace(namespace).withName("quiet").get(),
                r -> r.getStatus() != null && r.getStatus().getLastEvaluationTime() != null);
        AlertRule steady = Awaitility.await().atMost(WAIT).until(() -> admin.resources(AlertRule.class).inNamespace(namespace).withName("steady").get(),
                r -> r.getStatus().getAlerts().size() == 1 && r.getStatus().getAlerts().get(0).getIncident() != null);
        double evaluations = operator.metric("klaxon_rule_evaluations_total{result=\"success\"}");

        exporter.set(METRIC, 8, "case", "steady", "service", "search"); // a new value, the same firing alert
        awaitEvaluatedSeconds("quiet", 8);
        awaitEvaluatedSeconds("steady", 0);

        assertThat(operator.metric("klaxon_rule_evaluations_total{result=\"success\"}") - evaluations)
                .as("both rules kept evaluating every second").isGreaterThanOrEqualTo(14);
        assertThat(admin.resource(quiet).get().getMetadata().getResourceVersion()).as("nothing to tell: not written")
                .isEqualTo(quiet.getMetadata().getResourceVersion());
        assertThat(admin.resource(steady).get().getMetadata().getResourceVersion()).as("only its value changed: not written")
                .isEqualTo(steady.getMetadata().getResourceVersion());

        exporter.set(METRIC, 5, "case", "quiet");
        Awaitility.await("a change is written at once").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(quiet).get().getStatus().getState(), state -> state == AlertRuleStatus.State.Firing);
    }

    @Test
    void aSeriesThatVanishesKeepsItsIncidentOpenUntilItIsBackBelowThreshold() {
        exporter.set(METRIC, 5, "case", "nodata");
        AlertRule rule = dev.klaxon.testing.Rules.aboveOne(namespace, "vanishing", METRIC + "{case=\"nodata\"}",
                AlertRuleSpec.RuleSeverity.SEV3, Category.AVAILABILITY);
        AutoResolve autoResolve = new AutoResolve();
        autoResolve.setEnabled(true);
        autoResolve.setAfter("2s");
        rule.getSpec().setAutoResolve(autoResolve);
        create(rule);
        Incident incident = awaitIncidents("vanishing", 1).get(0);

        exporter.remove(METRIC, "case", "nodata");

        Awaitility.await("the alert shows no data").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(AlertRule.class).inNamespace(namespace).withName("vanishing").get(),
                        r -> r.getStatus() != null && r.getStatus().getAlerts().size() == 1
                                && r.getStatus().getAlerts().get(0).getNoDataSince() != null
                                && r.getStatus().getAlerts().get(0).getState() == AlertRuleStatus.State.Firing);
        // Well past autoResolve.after without data: the service may still be down, so nothing resolves.
        Awaitility.await("the incident stays open").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resource(incident).get().getSpec().getPhase() == IncidentPhase.Detected);
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("NoData");
                    assertThat(e.getMessage()).contains(incident.getMetadata().getName());
                });

        // The incident's timeline says so at once, not at its next unrelated change.
        Awaitility.await("NoData on the timeline").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get().getStatus().getTimeline(),
                        timeline -> timeline.stream().anyMatch(e -> e.getType().equals("NoData")));

        exporter.set(METRIC, 0.5, "case", "nodata");

        Incident resolved = Awaitility.await("resolved once the series is back below threshold").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> admin.resource(incident).get(),
                        i -> i.getSpec().getPhase() == IncidentPhase.Resolved && i.getStatus().getPhase() == IncidentPhase.Resolved);
        assertThat(resolved.getStatus().getTimeline()).extracting(e -> e.getType())
                .containsSubsequence("Opened", "NoData", "DataReturned", "PhaseChanged");
    }

    @Test
    void aRuleOverThousandsOfSeriesCountsThemAllAndStaysSmall() throws Exception {
        for (int i = 0; i < 3000; i++) {
            exporter.set("klaxon_test_storm", 5, "pod", "checkout-" + i, "namespace", "shop");
        }
        AlertRule rule = dev.klaxon.testing.Rules.aboveOne(namespace, "storm", "klaxon_test_storm", AlertRuleSpec.RuleSeverity.SEV3,
                Category.AVAILABILITY);
        rule.getSpec().setForDuration("1h");
        create(rule);

        AlertRule counted = Awaitility.await("every alert counted").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(AlertRule.class).inNamespace(namespace).withName("storm").get(),
                        r -> r.getStatus() != null && r.getStatus().getAlertCounts() != null
                                && Integer.valueOf(3000).equals(r.getStatus().getAlertCounts().getPending()));

        int listed = counted.getStatus().getAlerts().size();
        assertThat(listed).as("the most relevant, not all").isLessThan(3000).isGreaterThan(100);
        assertThat(counted.getStatus().getAlertCounts().getOmitted()).isEqualTo(3000 - listed);
        assertThat(admin.getKubernetesSerialization().asJson(counted).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .as("the whole rule object, far below etcd's 1.5 MiB").isLessThan(256 * 1024);
    }

    @Test
    void aQueryOverTooManySeriesIsShownOnItsRuleAndNeverReadAsQuiet() {
        String limited = TestCluster.get().createNamespace("series-limit");
        for (int i = 0; i < 4; i++) {
            exporter.set(METRIC, 9, "case", "wide", "instance", "i" + i);
        }
        try (OperatorProcess strict = new OperatorProcess(limited, "-Dklaxon.prometheus.max-series=3").start()) {
            AlertRule wide = rule("wide", SEV("SEV3"), threshold("wide", ComparisonOperator.gt, 1));
            wide.getMetadata().setNamespace(limited);
            admin.resource(wide).create();

            Condition tooMany = Await.ready(admin, AlertRule.class, limited, "wide", Condition.Status.False);
            assertThat(tooMany.getReason()).isEqualTo("TooManySeries");
            assertThat(tooMany.getMessage()).contains("returned 4 series, more than the 3");
            assertThat(admin.resources(Incident.class).inNamespace(limited).list().getItems()).as("nothing read as data").isEmpty();

            exporter.set(METRIC, 0, "case", "wide", "instance", "i3"); // still 4 series; narrowing the query is the fix
            admin.resources(AlertRule.class).inNamespace(limited).withName("wide").edit(r -> {
                r.getSpec().getConditions().get(0).setQuery(query("wide") + " > 1");
                return r;
            });
            Await.ready(admin, AlertRule.class, limited, "wide", Condition.Status.True);
            Awaitility.await("3 incidents").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(limited).list()
                    .getItems().size() == 3);
        }
    }

    @Test
    void aPrometheusOutageNeitherResolvesNorOpensAnythingAndEvaluationResumes() {
        exporter.set(METRIC, 3, "case", "outage");
        AlertRule rule = rule("during-outage", SEV("SEV2"), threshold("outage", ComparisonOperator.gt, 1));
        rule.getSpec().getAutoResolve().setAfter("1s");
        create(rule);
        Incident incident = awaitIncidents("during-outage", 1).get(0);

        TestPrometheus.get().stop();
        try {
            Condition down = Await.ready(admin, AlertRule.class, namespace, "during-outage", Condition.Status.False);
            assertThat(down.getReason()).isEqualTo("PrometheusUnreachable");
            assertThat(down.getMessage()).contains("unreachable");
            awaitEvaluatedSeconds("during-outage", 4); // long past autoResolve.after, all failing

            assertThat(admin.resource(incident).get().getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);
            assertThat(incidentsOf("during-outage")).hasSize(1);
            assertThat(admin.resource(rule).get().getStatus().getState()).isEqualTo(AlertRuleStatus.State.Firing);
        } finally {
            exporter.set(METRIC, 3, "case", "outage");
            TestPrometheus.get().start();
        }
        Await.ready(admin, AlertRule.class, namespace, "during-outage", Condition.Status.True);
        awaitEvaluatedSeconds("during-outage", 3);
        assertThat(admin.resource(incident).get().getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);
        assertThat(incidentsOf("during-outage")).hasSize(1);
    }

    @Test
    void aRestartedOperatorAdoptsFiringAlertsWithoutDuplicates() {
        for (String service : List.of("a", "b", "c")) {
            exporter.set(METRIC, 9, "case", "restart", "service", service);
        }
        AlertRule rule = rule("survives-restart", SEV("SEV3"), threshold("restart", ComparisonOperator.gt, 5));
        rule.getSpec().setGroupBy(List.of("service"));
        create(rule);
        List<Incident> before = awaitIncidents("survives-restart", 3);

        operator.kill();
        operator = new OperatorProcess(namespace).start();
        awaitEvaluatedSeconds("survives-restart", 3);

        assertThat(incidentsOf("survives-restart")).extracting(i -> i.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(before.stream().map(i -> i.getMetadata().getName()).toList());
        exporter.set(METRIC, 0, "case", "restart", "service", "b");
        Incident b = before.stream().filter(i -> "b".equals(i.getSpec().getSource().getLabels().get("service"))).findFirst().orElseThrow();
        awaitPhase(b, IncidentPhase.Resolved);
        assertThat(incidentsOf("survives-restart")).hasSize(3);
    }

    @Test
    void aSecondReplicaStandsByAndTakesOverWithoutDuplicates() {
        exporter.set(METRIC, 9, "case", "replicas");
        AlertRule rule = rule("two-replicas", SEV("SEV3"), threshold("replicas", ComparisonOperator.gt, 5));
        create(rule);
        Incident incident = awaitIncidents("two-replicas", 1).get(0);

        try (OperatorProcess standby = new OperatorProcess(namespace).start()) {
            awaitEvaluatedSeconds("two-replicas", 3);
            assertThat(standby.metric("klaxon_rule_evaluations_total")).as("evaluations by the stand-by").isZero();

            operator.kill();
            double killedAt = java.time.Instant.now().toEpochMilli() / 1000.0;
            try {
                Awaitility.await("the stand-by takes over").atMost(WAIT).until(() -> standby.metric("klaxon_rule_evaluations_total") > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                standby.dumpThreads(); // into its log: where it waits instead of evaluating
                throw e;
            }
            Awaitility.await().atMost(WAIT).until(() -> lastEvaluation(standby, "two-replicas") > killedAt);
            assertThat(incidentsOf("two-replicas")).extracting(i -> i.getMetadata().getName()).containsExactly(incident.getMetadata().getName());

            exporter.set(METRIC, 0, "case", "replicas");
            awaitPhase(incident, IncidentPhase.Resolved);
            assertThat(incidentsOf("two-replicas")).hasSize(1);
        } finally {
            operator = new OperatorProcess(namespace).start();
        }
    }

    @Test
    void evaluationsAlertsAndIncidentsShowInMetrics() {
        exporter.set(METRIC, 9, "case", "metrics");
        create(rule("metered", SEV("SEV4"), threshold("metrics", ComparisonOperator.gt, 5)));
        awaitIncidents("metered", 1);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(operator.metric("klaxon_rule_evaluations_total{result=\"success\"}")).isPositive();
            assertThat(operator.metric("klaxon_rule_evaluation_duration_seconds_count{result=\"success\"}")).isPositive();
            assertThat(operator.metric("klaxon_rule_evaluation_lag_seconds_count")).isPositive();
            assertThat(operator.metric("klaxon_alerts{state=\"Firing\"}")).isGreaterThanOrEqualTo(1);
            assertThat(operator.metric("klaxon_alert_incidents_total{action=\"opened\"}")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void anAlertStormOpensItsCapOfIncidentsAndTheRestShareOne() {
        for (int i = 0; i < 40; i++) {
            exporter.set(METRIC, 9, "case", "storm-cap", "pod", "web-" + i);
        }
        AlertRule rule = rule("storm-cap", SEV("SEV3"), threshold("storm-cap", ComparisonOperator.gt, 5));
        IncidentTemplate template = new IncidentTemplate();
        template.setMaxOpenIncidents(5);
        rule.getSpec().setIncident(template);
        create(rule);

        Incident storm = Awaitility.await("the storm's incident counts the rest").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> incidentsOf("storm-cap").stream()
                        .filter(i -> IncidentWriter.STORM_FINGERPRINT.equals(i.getMetadata().getLabels().get(KlaxonApi.LABEL_FINGERPRINT)))
                        .filter(i -> "35".equals(i.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_STORM_ALERTS))).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertThat(incidentsOf("storm-cap")).as("five of their own and the shared one").hasSize(6);
        assertThat(storm.getSpec().getTitle()).startsWith("Alert storm: storm-cap");
        assertThat(admin.v1().events().inNamespace(namespace).withField("involvedObject.name", "storm-cap").list().getItems())
                .filteredOn(e -> e.getReason().equals("IncidentCapReached")).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        AlertRule firing = Awaitility.await("the rule's status names the shared incident").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(rule).get(), r -> r.getStatus() != null && r.getStatus().getAlerts() != null
                        && r.getStatus().getAlerts().stream().filter(a -> storm.getMetadata().getName().equals(a.getIncident())).count() == 35);
        assertThat(firing.getStatus().getAlertCounts().getFiring()).isEqualTo(40);
        Incident listing = Awaitility.await("the shared incident lists the alerts that share it").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(storm).get(), i -> i.getStatus() != null && i.getStatus().getSharedAlertCounts() != null
                        && Integer.valueOf(35).equals(i.getStatus().getSharedAlertCounts().getFiring()));
        assertThat(listing.getStatus().getSharedAlerts()).hasSize(35)
                .allSatisfy(a -> assertThat(a.getIncident()).isEqualTo(storm.getMetadata().getName()));

        // The storm passes: its incident resolves with the last of the alerts that share it.
        List<String> sharing = firing.getStatus().getAlerts().stream().filter(a -> storm.getMetadata().getName().equals(a.getIncident()))
                .map(a -> a.getLabels().get("pod")).toList();
        for (String pod : sharing.subList(1, sharing.size())) {
            exporter.set(METRIC, 0, "case", "storm-cap", "pod", pod);
        }
        Awaitility.await("one left").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(storm).get().getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_STORM_ALERTS), "1"::equals);
        assertThat(admin.resource(storm).get().getSpec().getPhase()).as("one alert still shares it").isEqualTo(IncidentPhase.Detected);
        exporter.set(METRIC, 0, "case", "storm-cap", "pod", sharing.get(0));
        awaitPhase(storm, IncidentPhase.Resolved);
    }

    @Test
    void aRulesIncidentsPageAndStartRunsWithinItsHourlyLimitsTheRestWaitInOrder() {
        admin.resource(Playbooks.playbook(namespace, "limited-restart", Playbooks.step("restart", "echo restarting"))).create();
        EscalationTargets targets = new EscalationTargets();
        targets.setUsers(List.of("oncall@example.com"));
        targets.setChannels(List.of("limited-pager")); // needs not exist: the pages are decided and recorded all the same
        EscalationLevel level = new EscalationLevel();
        level.setDelay("0s");
        level.setTargets(targets);
        EscalationPolicySpec policySpec = new EscalationPolicySpec();
        policySpec.setLevels(List.of(level));
        EscalationPolicy policy = new EscalationPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("limited-pager").withNamespace(namespace).build());
        policy.setSpec(policySpec);
        admin.resource(policy).create();
        for (int i = 0; i < 4; i++) {
            exporter.set(METRIC, 9, "case", "limited", "pod", "web-" + i);
        }
        AlertRule rule = rule("limited", SEV("SEV2"), threshold("limited", ComparisonOperator.gt, 5));
        IncidentTemplate template = new IncidentTemplate();
        template.setEscalationPolicyRef("limited-pager");
        template.setPlaybookRef("limited-restart");
        template.setMaxPagedIncidentsPerHour(2);
        template.setMaxAutoRunsPerHour(1);
        rule.getSpec().setIncident(template);
        create(rule);

        List<Incident> settled = Awaitility.await("two paging, two waiting; one run, three waiting").atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).until(() -> incidentsOf("limited"), list -> list.size() == 4
                        && list.stream().filter(i -> i.getStatus() != null && i.getStatus().getEscalation() != null
                                && Integer.valueOf(1).equals(i.getStatus().getEscalation().getLevel())).count() == 2
                        && list.stream().filter(i -> i.getStatus() != null && i.getStatus().getPagingDeferredUntil() != null).count() == 2
                        && list.stream().filter(i -> i.getStatus() != null && i.getStatus().getAutoRun() != null).count() == 1
                        && list.stream().filter(i -> i.getStatus() != null && i.getStatus().getAutoRunDeferredUntil() != null).count() == 3);
        for (Incident waiting : settled.stream().filter(i -> i.getStatus().getPagingDeferredUntil() != null).toList()) {
            java.time.Instant until = java.time.Instant.parse(waiting.getStatus().getPagingDeferredUntil());
            java.time.Instant detected = java.time.Instant.parse(waiting.getStatus().getDetectedAt());
            assertThat(Duration.between(detected, until)).as("waits about an hour").isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
            assertThat(waiting.getStatus().getTimeline()).as("nobody paged yet").noneMatch(e -> e.getType().equals("Escalated"))
                    .anyMatch(e -> e.getType().equals("PagingDeferred"));
        }
        assertThat(admin.resources(PlaybookRun.class).inNamespace(namespace).list().getItems())
                .filteredOn(r -> r.getSpec().getPlaybookRef().equals("limited-restart")).hasSize(1);
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems()).filteredOn(e -> e.getReason().equals("PagingDeferred"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));

        // A restarted operator decides alike: nobody else is paged and no other run starts.
        operator.kill();
        operator = new OperatorProcess(namespace).start();
        awaitEvaluatedSeconds("limited", 3);
        List<Incident> after = incidentsOf("limited");
        assertThat(after).filteredOn(i -> i.getStatus().getPagingDeferredUntil() != null).hasSize(2);
        assertThat(admin.resources(PlaybookRun.class).inNamespace(namespace).list().getItems())
                .filteredOn(r -> r.getSpec().getPlaybookRef().equals("limited-restart")).hasSize(1);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static AlertRuleSpec.RuleSeverity SEV(String severity) {
        return AlertRuleSpec.RuleSeverity.valueOf(severity);
    }

    private static String query(String testCase) {
        return METRIC + "{case=\"" + testCase + "\"}";
    }

    private static AlertCondition threshold(String testCase, ComparisonOperator operator, double threshold) {
        return condition(AlertCondition.Type.Threshold, query(testCase), operator, threshold);
    }

    private static AlertCondition condition(AlertCondition.Type type, String query, ComparisonOperator operator, Double threshold) {
        AlertCondition condition = new AlertCondition();
        condition.setType(type);
        condition.setQuery(query);
        condition.setOperator(operator);
        condition.setThreshold(threshold);
        return condition;
    }

    /** A rule evaluated every second, resolving its incidents 2s after the alert stops firing. */
    private static AlertRule rule(String name, AlertRuleSpec.RuleSeverity severity, AlertCondition... conditions) {
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(severity);
        spec.setCategory(Category.AVAILABILITY);
        spec.setInterval("1s");
        spec.setConditions(List.of(conditions));
        AutoResolve autoResolve = new AutoResolve();
        autoResolve.setAfter("2s");
        spec.setAutoResolve(autoResolve);
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        rule.setSpec(spec);
        return rule;
    }

    private static void create(AlertRule rule) {
        admin.resource(rule).create();
    }

    private static List<Incident> incidentsOf(String rule) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_RULE, rule).list().getItems();
    }

    private static List<Incident> awaitIncidents(String rule, int count) {
        return Awaitility.await(count + " incident(s) of " + rule).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> incidentsOf(rule), list -> list.size() >= count);
    }

    private static Incident awaitPhase(Incident incident, IncidentPhase phase) {
        return Awaitility.await(incident.getMetadata().getName() + " " + phase).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getSpec().getPhase() == phase
                        && i.getStatus() != null && i.getStatus().getPhase() == phase);
    }

    /**
     * Lets the rule's evaluations run for {@code seconds} from now (observed through the
     * operator's per-rule evaluation timestamp, not a sleep): status no longer records every one.
     */
    private static void awaitEvaluatedSeconds(String rule, int seconds) {
        double target = java.time.Instant.now().toEpochMilli() / 1000.0 + seconds;
        Awaitility.await(rule + " evaluated for " + seconds + " s").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> lastEvaluation(operator, rule) >= target);
    }

    private static double lastEvaluation(OperatorProcess process, String rule) {
        return process.metric("klaxon_rule_last_evaluation_timestamp_seconds{rule=\"" + rule + "\"}");
    }

    /** Waits until Prometheus holds at least {@code count} samples of the series over the last minute. */
    private static void awaitSamples(String series, int count) {
        PrometheusClient prometheus = new PrometheusClient(java.net.URI.create(TestPrometheus.get().url()), Duration.ofSeconds(5),
                java.util.Optional.empty(), java.util.Optional.empty());
        Awaitility.await(count + " samples of " + series).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.query("count_over_time(" + series + "[1m])", java.time.Instant.now()).stream()
                        .anyMatch(sample -> sample.value() >= count));
    }
}
