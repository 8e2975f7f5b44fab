package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * On a fresh install, before any incident, the counters and summaries the dashboard reads already
 * exist at zero for every severity (Prometheus client conventions): its panels show 0, not "No data".
 */
class IncidentMetricsIT {

    @Test
    void theDashboardsSeriesExistAtZeroBeforeTheFirstIncident() throws Exception {
        String namespace = TestCluster.get().createNamespace("fresh-metrics");
        try (OperatorProcess operator = new OperatorProcess(namespace).start()) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operator.metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (Severity severity : Severity.values()) {
                String tag = "severity=\"" + severity.name() + "\"";
                assertThat(metrics).containsPattern("(?m)^klaxon_incident_sla_breaches_total\\{[^}]*" + tag + "[^}]*\\} 0\\.0$");
                assertThat(metrics).containsPattern("(?m)^klaxon_incidents_reopened_total\\{[^}]*" + tag + "[^}]*\\} 0\\.0$");
                assertThat(metrics).containsPattern("(?m)^klaxon_incidents_unacknowledged_total\\{[^}]*" + tag + "[^}]*\\} 0\\.0$");
                assertThat(metrics).containsPattern("(?m)^klaxon_incident_mttr_seconds_count\\{[^}]*" + tag + "[^}]*\\} 0\\.0$");
                assertThat(metrics).containsPattern("(?m)^klaxon_incident_mtta_seconds_count\\{[^}]*" + tag + "[^}]*\\} 0\\.0$");
            }
            assertThat(metrics).containsPattern("(?m)^klaxon_alert_incidents_total\\{[^}]*action=\"opened\"[^}]*\\} 0\\.0$");
            assertThat(metrics).containsPattern("(?m)^klaxon_alert_incidents_total\\{[^}]*action=\"resolved\"[^}]*\\} 0\\.0$");
        }
    }
}
