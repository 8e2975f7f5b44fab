package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloImportTest {

    /** Sloth's getting-started example (prometheus/v1), with a raw SLI it cannot import. */
    static final String SLOTH = """
            version: "prometheus/v1"
            service: "myservice"
            labels:
              owner: "myteam"
            slos:
              - name: "requests-availability"
                objective: 99.9
                description: "Common SLO based on availability for HTTP request responses."
                sli:
                  events:
                    error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{ .window }}]))
                    total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
                alerting:
                  name: MyServiceHighErrorRate
                  page_alert:
                    labels:
                      severity: critical
                  ticket_alert:
                    disable: true
              - name: "raw-ratio"
                objective: 99
                sli:
                  raw:
                    error_ratio_query: sum(rate(errors[{{.window}}])) / sum(rate(total[{{.window}}]))
            """;

    static final String SLOTH_CRD = """
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata:
              name: sloth-slo-home-wifi
            spec:
              service: "home-wifi"
              slos:
                - name: "good-wifi-client-satisfaction"
                  objective: 95
                  sli:
                    events:
                      errorQuery: sum_over_time((count(ubiquiti_wifi_client_satisfaction_ratio < 0.75))[{{.window}}:]) OR on() vector(0)
                      totalQuery: sum_over_time((count(ubiquiti_wifi_client_satisfaction_ratio))[{{.window}}:])
            """;

    /** OpenSLO v1: an SLI document and an SLO that refers to it, and one inline with a calendar window. */
    static final String OPENSLO = """
            apiVersion: openslo/v1
            kind: SLI
            metadata:
              name: web-successful-requests
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(http_requests_total{service="web",status!~"5.."})
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: http_requests_total{service="web"}
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: web-availability
            spec:
              service: web
              indicatorRef: web-successful-requests
              timeWindow:
                - duration: 28d
                  isRolling: true
              budgetingMethod: Occurrences
              objectives:
                - displayName: Good
                  target: 0.995
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: web-monthly
            spec:
              service: web
              indicatorRef: web-successful-requests
              timeWindow:
                - duration: 1M
                  isRolling: false
                  calendar: {startTime: "2024-01-01 00:00:00", timeZone: UTC}
              objectives:
                - target: 0.99
            """;

    @Test
    void slothsEventsSlosKeepTheirQueriesAndAlertChoices() {
        RuleImport.Result result = RuleImport.from(List.of(SLOTH, SLOTH_CRD));

        assertThat(result.rules()).isEmpty();
        assertThat(result.objectives()).extracting(o -> o.getMetadata().getName())
                .containsExactly("myservice-requests-availability", "home-wifi-good-wifi-client-satisfaction");
        ServiceLevelObjectiveSpec spec = result.objectives().get(0).getSpec();
        assertThat(spec.getService()).isEqualTo("myservice");
        assertThat(spec.getObjective()).isEqualTo(99.9);
        assertThat(spec.getWindow()).isEqualTo("30d");
        assertThat(spec.getSli().getRatio().getBad())
                .isEqualTo("sum(rate(http_request_duration_seconds_count{job=\"myservice\",code=~\"(5..|429)\"}[{{.window}}]))");
        assertThat(spec.getAlerting().getPage().getSeverity()).isEqualTo(Severity.SEV1);
        assertThat(spec.getAlerting().getTicket().getBurnRates()).as("a disabled ticket alert").isEmpty();
        assertThat(result.objectives().get(1).getSpec().getSli().getRatio().getTotal()).contains("[{{.window}}:]");
        assertThat(result.notes()).containsExactly(
                "skipped Sloth SLO myservice/raw-ratio: only events SLIs (error and total queries) are imported, not raw ratios or plugins");
    }

    @Test
    void gaugesAndOtherVersionsOfOpenSloAreSaidNotGuessed() {
        String gauge = OPENSLO.replace("counter: true", "counter: false");
        String alpha = "apiVersion: openslo/v1alpha\nkind: SLO\nmetadata:\n  name: old\n";

        RuleImport.Result result = RuleImport.from(List.of(gauge, alpha));

        assertThat(result.objectives()).isEmpty();
        assertThat(result.notes()).contains("skipped OpenSLO SLO web-availability: its ratioMetric is not of counters (counter: true), "
                + "and only counters' rates are events", "skipped openslo/v1alpha SLO old: only openslo/v1 is read");
    }

    @Test
    void openSloRatiosOfPrometheusCountersBecomeObjectives() {
        RuleImport.Result result = RuleImport.from(List.of(OPENSLO));

        assertThat(result.objectives()).hasSize(1);
        ServiceLevelObjective web = result.objectives().get(0);
        assertThat(web.getMetadata().getName()).isEqualTo("web-web-availability");
        assertThat(web.getSpec().getObjective()).isEqualTo(99.5);
        assertThat(web.getSpec().getWindow()).isEqualTo("28d");
        assertThat(web.getSpec().getSli().getRatio().getGood()).isEqualTo("http_requests_total{service=\"web\",status!~\"5..\"}");
        assertThat(web.getSpec().getSli().getRatio().getTotal()).isEqualTo("http_requests_total{service=\"web\"}");
        assertThat(result.notes()).containsExactly("skipped OpenSLO SLO web-monthly: its time window is not a rolling 7d, 28d or 30d");
    }
}
