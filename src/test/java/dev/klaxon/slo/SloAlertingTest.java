package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec.BurnRateWindow;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloAlertingTest {

    static ServiceLevelObjectiveSpec spec(double objective) {
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setService("checkout");
        spec.setObjective(objective);
        ServiceLevelObjectiveSpec.Sli sli = new ServiceLevelObjectiveSpec.Sli();
        ServiceLevelObjectiveSpec.Ratio ratio = new ServiceLevelObjectiveSpec.Ratio();
        ratio.setBad("http_requests_total{code=~\"5..\"}");
        ratio.setTotal("http_requests_total");
        sli.setRatio(ratio);
        spec.setSli(sli);
        return spec;
    }

    @Test
    void withoutAlertingTheWorkbooksPairsPageAndTicket() {
        SloAlerting alerting = SloAlerting.of(spec(99.9));

        assertThat(alerting.problems()).isEmpty();
        assertThat(alerting.alerts()).containsExactly(
                new BurnRateAlert(BurnRateAlert.Level.Page, Severity.SEV2, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRateAlert(BurnRateAlert.Level.Page, Severity.SEV2, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRateAlert(BurnRateAlert.Level.Ticket, Severity.SEV4, 3, Duration.ofDays(1), Duration.ofHours(2)),
                new BurnRateAlert(BurnRateAlert.Level.Ticket, Severity.SEV4, 1, Duration.ofDays(3), Duration.ofHours(6)));
        assertThat(alerting.windows()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
        assertThat(alerting.currentRateWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theWorkbooksPairsALowObjectiveCannotReachAreLeftOutWithoutAProblem() {
        SloAlerting alerting = SloAlerting.of(spec(90));

        assertThat(alerting.problems()).isEmpty();
        assertThat(alerting.alerts()).extracting(BurnRateAlert::factor).containsExactly(6.0, 3.0, 1.0);
    }

    @Test
    void aLevelCanBeOverriddenOrTurnedOff() {
        ServiceLevelObjectiveSpec spec = spec(99.5);
        ServiceLevelObjectiveSpec.Alerting alerting = new ServiceLevelObjectiveSpec.Alerting();
        ServiceLevelObjectiveSpec.Level page = new ServiceLevelObjectiveSpec.Level();
        page.setSeverity(Severity.SEV1);
        page.setBurnRates(List.of(new BurnRateWindow(10, "2h", "10m")));
        ServiceLevelObjectiveSpec.Level ticket = new ServiceLevelObjectiveSpec.Level();
        ticket.setBurnRates(List.of());
        alerting.setPage(page);
        alerting.setTicket(ticket);
        spec.setAlerting(alerting);

        assertThat(SloAlerting.of(spec).alerts()).containsExactly(
                new BurnRateAlert(BurnRateAlert.Level.Page, Severity.SEV1, 10, Duration.ofHours(2), Duration.ofMinutes(10)));
    }

    @Test
    void windowsTheEngineCannotCountAndFactorsNobodyReachesAreProblems() {
        ServiceLevelObjectiveSpec spec = spec(93);
        spec.setWindow("7d");
        ServiceLevelObjectiveSpec.Alerting alerting = new ServiceLevelObjectiveSpec.Alerting();
        ServiceLevelObjectiveSpec.Level page = new ServiceLevelObjectiveSpec.Level();
        page.setBurnRates(List.of(new BurnRateWindow(14.4, "1h", "5m"), new BurnRateWindow(6, "5m", "1h"), new BurnRateWindow(6, "400m", "5m"),
                new BurnRateWindow(2, "8d", "1h")));
        alerting.setPage(page);
        spec.setAlerting(alerting);

        SloAlerting checked = SloAlerting.of(spec);

        assertThat(checked.problems()).extracting(Problem::message).containsExactly(
                "spec.alerting.page.burnRates[0]: factor 14.4 can never be reached: with every event bad the budget burns 14.3 times over",
                "spec.alerting.page.burnRates[1]: shortWindow 1h is not shorter than longWindow 5m",
                "spec.alerting.page.burnRates[2]: window 400m is longer than 6h and not whole hours",
                "spec.alerting.page.burnRates[3]: longWindow 8d is longer than the objective's window 7d");
        // The ticket level keeps the Workbook's pairs, the 3d one within 7d.
        assertThat(checked.alerts()).extracting(BurnRateAlert::level).containsOnly(BurnRateAlert.Level.Ticket).hasSize(2);
    }
}
