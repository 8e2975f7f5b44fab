package dev.klaxon.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.alerting.AlertState.Phase;
import dev.klaxon.alerting.AlertStateMachine.Event;
import dev.klaxon.alerting.AlertStateMachine.Fired;
import dev.klaxon.alerting.AlertStateMachine.Resolved;
import dev.klaxon.alerting.AlertStateMachine.StoppedFiring;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the state machine tick by tick with a simulated clock. */
class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String FP = "f1";

    private Map<String, AlertState> alerts = Map.of();
    private final List<Event> events = new ArrayList<>();
    private AlertTiming timing = new AlertTiming(Duration.ofSeconds(30), Duration.ZERO, true, Duration.ofSeconds(60));

    private void tick(int second, Boolean holds) {
        Map<String, Observation> observed = holds == null ? Map.of()
                : Map.of(FP, new Observation(FP, Map.of("service", "api"), holds ? 0.2 : 0.01, holds));
        var step = AlertStateMachine.advance(alerts, observed, T0.plusSeconds(second), timing);
        alerts = step.alerts();
        events.addAll(step.events());
    }

    private Phase phase() {
        return alerts.containsKey(FP) ? alerts.get(FP).phase() : null;
    }

    @Test
    void pendingThenFiringAfterFor() {
        tick(0, true);
        assertThat(phase()).isEqualTo(Phase.Pending);
        assertThat(alerts.get(FP).activeAt()).isEqualTo(T0);
        tick(15, true);
        assertThat(phase()).isEqualTo(Phase.Pending);
        assertThat(events).isEmpty();

        tick(30, true);

        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(alerts.get(FP).firingAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(events).singleElement().isInstanceOf(Fired.class);
    }

    @Test
    void withoutForItFiresAtOnce() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, true, Duration.ofSeconds(60));

        tick(0, true);

        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(events).hasSize(1);
    }

    @Test
    void aPendingAlertThatStopsHoldingIsForgottenWithoutAnIncident() {
        tick(0, true);
        tick(10, false);

        assertThat(alerts).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void resolvesOnlyAfterAutoResolveAfter() {
        tick(0, true);
        tick(30, true);
        alerts = Map.of(FP, alerts.get(FP).withIncident("api-error-rate-f1-1"));

        tick(40, false);
        assertThat(phase()).isEqualTo(Phase.Resolving);
        assertThat(alerts.get(FP).resolvedAt()).isEqualTo(T0.plusSeconds(40));
        tick(99, false);
        assertThat(phase()).isEqualTo(Phase.Resolving);

        tick(100, false);

        assertThat(alerts).isEmpty();
        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(Resolved.class,
                r -> assertThat(r.alert().incident()).isEqualTo("api-error-rate-f1-1"));
    }

    @Test
    void flappingWithoutKeepFiringForGoesBackToTheSameIncident() {
        tick(0, true);
        tick(30, true);
        alerts = Map.of(FP, alerts.get(FP).withIncident("inc-1"));
        tick(40, false);
        assertThat(phase()).isEqualTo(Phase.Resolving);

        tick(50, true);
        assertThat(phase()).isEqualTo(Phase.Pending);
        assertThat(alerts.get(FP).incident()).isEqualTo("inc-1");
        tick(80, true);

        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(Fired.class));
        assertThat(events.get(1).alert().incident()).isEqualTo("inc-1");
    }

    @Test
    void blipsThatNeverFireAgainDoNotPostponeTheAutoResolve() {
        tick(0, true);
        tick(30, true);
        alerts = Map.of(FP, alerts.get(FP).withIncident("inc-1"));
        tick(40, false); // stopped firing: resolves at 100 unless it fires again
        tick(60, true); // a blip shorter than `for`
        tick(70, false);
        assertThat(alerts.get(FP).resolvedAt()).isEqualTo(T0.plusSeconds(40));

        tick(100, false);

        assertThat(alerts).isEmpty();
        assertThat(events).last().isInstanceOf(Resolved.class);
    }

    @Test
    void keepFiringForRidesOutAShortDip() {
        timing = new AlertTiming(Duration.ZERO, Duration.ofSeconds(20), true, Duration.ofSeconds(60));
        tick(0, true);
        tick(10, false);
        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(alerts.get(FP).keepFiringSince()).isEqualTo(T0.plusSeconds(10));
        tick(20, true);
        assertThat(alerts.get(FP).keepFiringSince()).isNull();
        tick(25, false);
        tick(44, false);
        assertThat(phase()).isEqualTo(Phase.Firing);

        tick(45, false);

        assertThat(phase()).isEqualTo(Phase.Resolving);
        assertThat(events).singleElement().isInstanceOf(Fired.class);
    }

    @Test
    void withAutoResolveOffTheAlertEndsAndTheIncidentStaysOpen() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, false, Duration.ofSeconds(60));
        tick(0, true);
        tick(10, false);

        assertThat(alerts).isEmpty();
        assertThat(events).hasSize(2).last().isInstanceOf(StoppedFiring.class);
    }

    @Test
    void aRefireAfterResolveStartsOver() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, true, Duration.ZERO);
        tick(0, true);
        alerts = Map.of(FP, alerts.get(FP).withIncident("inc-1"));
        tick(10, false);
        assertThat(alerts).isEmpty();

        tick(20, true);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Fired", "Resolved", "Fired");
        assertThat(events.get(2).alert().incident()).isNull();
    }

    @Test
    void absenceIsANormalHoldingObservation() {
        timing = new AlertTiming(Duration.ofSeconds(10), Duration.ZERO, true, Duration.ZERO);
        tick(0, true);
        tick(10, true);
        assertThat(phase()).isEqualTo(Phase.Firing);

        tick(20, false); // the series is back: the absence condition no longer holds

        assertThat(alerts).isEmpty();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Fired", "Resolved");
    }

    @Test
    void valuesFollowTheLatestObservation() {
        tick(0, true);
        var step = AlertStateMachine.advance(alerts, Map.of(FP, new Observation(FP, Map.of(), 0.9, true)), T0.plusSeconds(5), timing);

        assertThat(step.alerts().get(FP).value()).isEqualTo(0.9);
    }

    @Test
    void withNoDataKeepAFiringAlertWhoseSeriesVanishedStaysFiringUntilItIsBackBelowThreshold() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, true, Duration.ofSeconds(60), AlertRuleSpec.NoData.Keep);
        tick(0, true);
        tick(10, null);
        tick(500, null);

        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(alerts.get(FP).noDataSince()).isEqualTo(T0.plusSeconds(10));
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Fired");

        tick(510, false);
        assertThat(alerts.get(FP).noDataSince()).as("the data is back").isNull();
        tick(570, false);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Fired", "Resolved");
    }

    @Test
    void withNoDataResolveAVanishedSeriesIsAQuietOne() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, true, Duration.ofSeconds(60), AlertRuleSpec.NoData.Resolve);
        tick(0, true);
        tick(10, null);
        tick(70, null);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Fired", "Resolved");
    }

    @Test
    void withNoDataAlertAVanishedSeriesCountsAsHolding() {
        timing = new AlertTiming(Duration.ofSeconds(30), Duration.ZERO, true, Duration.ofSeconds(60), AlertRuleSpec.NoData.Alert);
        tick(0, true);
        tick(10, null);
        tick(30, null);

        assertThat(phase()).isEqualTo(Phase.Firing);
        assertThat(alerts.get(FP).noDataSince()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void withNoDataKeepAPendingAlertThatNeverFiredHasNothingToKeep() {
        tick(0, true);
        tick(10, null);

        assertThat(alerts).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void withNoDataKeepOneSeriesEndingWhileOthersAnswerIsThatSeriesGoingQuiet() {
        timing = new AlertTiming(Duration.ZERO, Duration.ZERO, true, Duration.ofSeconds(60), AlertRuleSpec.NoData.Keep);
        tick(0, true);
        // A pod replaced: its series ends, the new pod's answers.
        Map<String, Observation> others = Map.of("other", new Observation("other", Map.of("pod", "api-2"), 0.01, false));
        alerts = AlertStateMachine.advance(alerts, others, T0.plusSeconds(10), timing).alerts();

        assertThat(phase()).isEqualTo(Phase.Resolving);
        assertThat(alerts.get(FP).noDataSince()).isNull();
    }
}
