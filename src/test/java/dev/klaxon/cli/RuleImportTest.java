package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleImportTest {

    @Test
    void aComparisonWithAConstantAtTheTopBecomesQueryOperatorAndThreshold() {
        assertCondition("rate(http_errors_total[5m]) > 0.05", "rate(http_errors_total[5m])", ComparisonOperator.gt, 0.05);
        assertCondition("up{job=\"api\"} == 0", "up{job=\"api\"}", ComparisonOperator.eq, 0);
        assertCondition("sum by (job) (rate(e[5m])) / sum by (job) (rate(t[5m])) >= 1e-1", "sum by (job) (rate(e[5m])) / sum by (job) (rate(t[5m]))",
                ComparisonOperator.gte, 0.1);
        assertCondition("node_filesystem_avail_bytes{mountpoint=\"/a>b\"} < -1.5", "node_filesystem_avail_bytes{mountpoint=\"/a>b\"}",
                ComparisonOperator.lt, -1.5);
        assertCondition("x > 1 != 2", "x > 1", ComparisonOperator.ne, 2);
    }

    @Test
    void anyOtherExpressionAlertsOnEverySeriesItReturns() {
        for (String expr : List.of("absent(up{job=\"api\"})", "a > 1 and b > 2", "x > bool 1", "1 < x", "x > on(job) y",
                "max_over_time(x[5m] offset 1h) unless y")) {
            AlertCondition condition = RuleImport.condition(expr);
            assertThat(condition.getQuery()).as(expr).isEqualTo("(" + expr + ") != bool NaN");
            assertThat(condition.getOperator()).isEqualTo(ComparisonOperator.gt);
            assertThat(condition.getThreshold()).isZero();
        }
    }

    @Test
    void aRuleFileBecomesAlertRulesAndItsRecordingRulesAreSkipped() {
        String file = """
                groups:
                - name: Node Health
                  interval: 30s
                  labels: {team: infra, severity: info}
                  rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: NodeDown
                    expr: up{job="node"} == 0
                    for: 5m
                    keep_firing_for: 1m
                    labels: {severity: critical}
                    annotations:
                      summary: "{{ $labels.instance }} is down"
                      runbook_url: https://runbooks.example.com/node-down
                  - alert: NodeDown
                    expr: up{job="node-exporter"} == 0
                  - alert: Odd
                    expr: vector(1)
                    labels: {severity: urgent}
                """;

        RuleImport.Result result = RuleImport.from(List.of(file));

        assertThat(result.rules()).extracting(r -> r.getMetadata().getName()).containsExactly("node-health-nodedown", "node-health-nodedown-2",
                "node-health-odd");
        AlertRuleSpec down = result.rules().get(0).getSpec();
        assertThat(down.getSeverity()).isEqualTo(AlertRuleSpec.RuleSeverity.SEV1);
        assertThat(down.getLabels()).containsEntry("team", "infra").containsEntry("severity", "critical");
        assertThat(down.getForDuration()).isEqualTo("5m");
        assertThat(down.getKeepFiringFor()).isEqualTo("1m");
        assertThat(down.getInterval()).isEqualTo("30s");
        assertThat(down.getRunbookUrl()).isEqualTo("https://runbooks.example.com/node-down");
        assertThat(down.getAnnotations()).containsEntry("summary", "{{ $labels.instance }} is down");
        assertThat(down.getIncident().getTitle()).as("incidents titled as the ruler's alerts are summarised")
                .isEqualTo("{{ $labels.instance }} is down");
        assertThat(down.getNoData()).as("an empty answer resolves, as in the ruler").isEqualTo(AlertRuleSpec.NoData.Resolve);
        assertThat(result.rules().get(1).getSpec().getSeverity()).as("the group's severity label").isEqualTo(AlertRuleSpec.RuleSeverity.SEV4);
        assertThat(result.rules().get(2).getSpec().getSeverity()).isEqualTo(RuleImport.DEFAULT_SEVERITY);
        assertThat(result.notes()).anyMatch(n -> n.contains("skipped recording rule job:up:sum"))
                .anyMatch(n -> n.contains("severity label \"urgent\" is not in the table"));
    }

    @Test
    void prometheusRuleObjectsInSeveralDocumentsAndLongNames() {
        String objects = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: a}
                spec:
                  groups:
                  - name: kubernetes-system-with-a-name-that-goes-on-and-on-and-on
                    rules:
                    - alert: KubeAPIErrorBudgetBurnIsFarTooHighForComfort
                      expr: sum(rate(apiserver_request_total{code=~"5.."}[5m])) > 0
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: b}
                spec:
                  groups:
                  - name: general
                    rules:
                    - alert: Watchdog
                      expr: vector(1)
                """;

        List<AlertRule> rules = RuleImport.from(List.of(objects)).rules();

        assertThat(rules).hasSize(2);
        String longName = rules.get(0).getMetadata().getName();
        assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(RuleImport.from(List.of(objects)).rules().get(0).getMetadata().getName()).as("stable").isEqualTo(longName);
        assertThat(rules.get(1).getMetadata().getName()).isEqualTo("general-watchdog");
        assertThatThrownBy(() -> RuleImport.from(List.of("groups: [ {name: x, rules: [ {alert: NoExpr} ] } ]")))
                .hasMessageContaining("alert NoExpr (group x) has no expr");
    }

    private static void assertCondition(String expr, String query, ComparisonOperator operator, double threshold) {
        AlertCondition condition = RuleImport.condition(expr);
        assertThat(condition.getQuery()).as(expr).isEqualTo(query);
        assertThat(condition.getOperator()).as(expr).isEqualTo(operator);
        assertThat(condition.getThreshold()).as(expr).isEqualTo(threshold);
    }
}
