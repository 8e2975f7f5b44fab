package dev.klaxon.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.Responder;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest {

    private static final Instant DETECTED = Instant.parse("2026-11-26T10:00:00Z");
    private final SeverityMatrix matrix = SeverityMatrix.defaults();
    private final IncidentSpec spec = new IncidentSpec();
    private final IncidentStatus status = new IncidentStatus();

    IncidentLifecycleTest() {
        spec.setTitle("Checkout failing");
        spec.setSeverity(Severity.SEV2);
        status.setDetectedAt("2026-11-26T10:00:00Z");
        status.setPhase(IncidentPhase.Detected);
    }

    private Instant at(int minutes) {
        return DETECTED.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void timestampsAreSetOnceAndSkippedPhasesAreImplied() {
        IncidentLifecycle.reached(status, IncidentPhase.Acknowledged, at(4));
        IncidentLifecycle.reached(status, IncidentPhase.Mitigating, at(20));
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(45));
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(70));
        IncidentLifecycle.reached(status, IncidentPhase.Closed, at(90));

        assertThat(status.getAcknowledgedAt()).isEqualTo("2026-11-26T10:04:00Z");
        assertThat(status.getIdentifiedAt()).as("Identified was skipped").isEqualTo("2026-11-26T10:20:00Z");
        assertThat(status.getMitigatedAt()).isEqualTo("2026-11-26T10:20:00Z");
        assertThat(status.getResolvedAt()).as("set once").isEqualTo("2026-11-26T10:45:00Z");
        assertThat(status.getClosedAt()).isEqualTo("2026-11-26T11:30:00Z");
        assertThat(status.getMttaSeconds()).isEqualTo(240);
        assertThat(status.getMttiSeconds()).isEqualTo(1200);
        assertThat(status.getMttrSeconds()).isEqualTo(2700);
    }

    @Test
    void aReopenStartsARoundWithItsOwnTargetsAndAcknowledgmentAndMttrReportsTheFinalResolution() {
        spec.setSeverity(Severity.SEV3);
        IncidentLifecycle.reached(status, IncidentPhase.Acknowledged, at(4));
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(45));
        IncidentLifecycle.checkSla(spec, status, matrix, at(45));
        assertThat(IncidentLifecycle.round(status)).isEqualTo(1);

        IncidentLifecycle.reopen(status, at(120));
        assertThat(status.getRound()).isEqualTo(2);
        assertThat(status.getResolvedAt()).isNull();
        assertThat(status.getMttrSeconds()).isNull();
        assertThat(status.getResolutions()).containsExactly("2026-11-26T10:45:00Z");
        assertThat(IncidentLifecycle.roundStartedAt(status)).isEqualTo(at(120));
        assertThat(IncidentLifecycle.roundAcknowledgedAt(status)).as("the new round is unacknowledged").isEmpty();
        assertThat(status.getAcknowledgedAt()).as("MTTA keeps the first").isEqualTo("2026-11-26T10:04:00Z");
        IncidentLifecycle.checkSla(spec, status, matrix, at(121));
        assertThat(status.getSla().getResponseDueAt()).as("SEV3 responds in 30 min from the reopen").isEqualTo("2026-11-26T12:30:00Z");

        assertThat(IncidentLifecycle.checkSla(spec, status, matrix, at(150))).singleElement()
                .satisfies(n -> assertThat(n.message()).startsWith("reopened and not acknowledged in time"));
        assertThat(status.getSla().getBreaches()).isEqualTo(1);

        IncidentLifecycle.reached(status, IncidentPhase.Identified, at(155));
        assertThat(status.getRoundAcknowledgedAt()).as("a person moving it on acknowledges the round").isEqualTo("2026-11-26T12:35:00Z");
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(180));
        assertThat(status.getResolvedAt()).isEqualTo("2026-11-26T13:00:00Z");
        assertThat(status.getMttrSeconds()).as("final resolution").isEqualTo(180 * 60);
        assertThat(status.getResolutions()).containsExactly("2026-11-26T10:45:00Z", "2026-11-26T13:00:00Z");
        assertThat(status.getMttaSeconds()).isEqualTo(240);
    }

    @Test
    void kubectlKlaxonAckAcknowledgesTheCurrentRoundOnlyByItsNumber() {
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(10), IncidentLifecycle.Mover.OPERATOR);
        IncidentLifecycle.reopen(status, at(20));
        spec.setAcknowledgedRound(3);
        assertThat(IncidentLifecycle.acknowledgeRound(spec, status, at(21))).as("a future round cannot be acknowledged in advance")
                .hasValueSatisfying(why -> assertThat(why).contains("ahead of the current round 2"));
        assertThat(status.getRoundAcknowledgedAt()).isNull();

        spec.setAcknowledgedRound(2);
        assertThat(IncidentLifecycle.acknowledgeRound(spec, status, at(22))).isEmpty();
        assertThat(status.getRoundAcknowledgedAt()).isEqualTo("2026-11-26T10:22:00Z");
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(30));
        IncidentLifecycle.reopen(status, at(40));
        assertThat(IncidentLifecycle.acknowledgeRound(spec, status, at(41))).isEmpty();
        assertThat(IncidentLifecycle.roundAcknowledgedAt(status)).as("round 2's acknowledgment is not round 3's").isEmpty();
    }

    @Test
    void aRoundsAcknowledgmentIsInTheTimelineWithWhoDidItWhenItsNoteSays() {
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(10), IncidentLifecycle.Mover.OPERATOR);
        IncidentLifecycle.reopen(status, at(20));
        spec.setAcknowledgedRound(2);
        Map<String, String> annotations = Map.of(ChangeNote.ROUND, new ChangeNote(ChangeNote.UNACKNOWLEDGED, "2", "alice@example.com",
                "acknowledged by alice@example.com from a page link").toJson());

        TimelineEntry entry = IncidentLifecycle.roundAcknowledged(annotations, status, "2026-11-26T10:22:00Z");

        assertThat(entry.getType()).isEqualTo("Acknowledged");
        assertThat(entry.getMessage()).isEqualTo("Round 2 acknowledged: acknowledged by alice@example.com from a page link");
        assertThat(entry.getAuthor()).isEqualTo("alice@example.com");
        assertThat(IncidentLifecycle.roundAcknowledged(Map.of(), status, "2026-11-26T10:22:00Z").getAuthor()).as("no note: nobody named").isNull();
    }

    @Test
    void theResolutionsKeepTheFirstAndTheNewest() {
        for (int i = 0; i < IncidentStatus.RESOLUTIONS_KEPT + 5; i++) {
            IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(2 * i));
            IncidentLifecycle.reopen(status, at(2 * i + 1));
        }
        assertThat(status.getResolutions()).hasSize(IncidentStatus.RESOLUTIONS_KEPT);
        assertThat(status.getResolutions().get(0)).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(status.getResolutions().get(IncidentStatus.RESOLUTIONS_KEPT - 1)).isEqualTo(Timestamps.format(at(2 * (IncidentStatus.RESOLUTIONS_KEPT + 4))));
    }

    @Test
    void theOperatorResolvingAnAlertsIncidentIsNoAcknowledgment() {
        IncidentLifecycle.reached(status, IncidentPhase.Resolved, at(7), IncidentLifecycle.Mover.OPERATOR);

        assertThat(status.getResolvedAt()).isEqualTo("2026-11-26T10:07:00Z");
        assertThat(status.getAcknowledgedAt()).as("nobody acknowledged").isNull();
        assertThat(status.getMttaSeconds()).isNull();
        assertThat(status.getMttrSeconds()).isEqualTo(420);

        IncidentLifecycle.reached(status, IncidentPhase.Closed, at(30), IncidentLifecycle.Mover.PERSON);
        assertThat(status.getAcknowledgedAt()).as("a person moving it on acknowledges it").isEqualTo("2026-11-26T10:30:00Z");
    }

    @Test
    void slaTargetsFollowTheSeverityMatrix() {
        IncidentLifecycle.checkSla(spec, status, matrix, at(1));

        assertThat(status.getSla().getResponseDueAt()).isEqualTo("2026-11-26T10:15:00Z");
        assertThat(status.getSla().getNextUpdateDueAt()).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(status.getSla().getEscalateAt()).isEqualTo("2026-11-26T11:00:00Z");
        assertThat(status.getSla().getBreached()).isFalse();
        assertThat(IncidentLifecycle.untilNextDeadline(status, at(1))).hasValueSatisfying(
                d -> assertThat(d).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(14).plusSeconds(1)));

        spec.setSeverity(Severity.SEV1);
        IncidentLifecycle.checkSla(spec, status, matrix, at(1));
        assertThat(status.getSla().getResponseDueAt()).isEqualTo("2026-11-26T10:05:00Z");
    }

    @Test
    void anUnacknowledgedIncidentBreachesAtItsResponseTargetOnce() {
        assertThat(IncidentLifecycle.checkSla(spec, status, matrix, at(14))).isEmpty();

        var notices = IncidentLifecycle.checkSla(spec, status, matrix, at(15));
        var again = IncidentLifecycle.checkSla(spec, status, matrix, at(16));

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(EventReason.SlaBreached);
            assertThat(n.warning()).isTrue();
            assertThat(n.message()).isEqualTo("not acknowledged in time (response target 15m for SEV2)");
        });
        assertThat(again).isEmpty();
        assertThat(status.getSla().getBreached()).isTrue();
        assertThat(status.getTimeline()).extracting(TimelineEntry::getType, TimelineEntry::getTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SlaBreached", "2026-11-26T10:15:00Z"));
        assertThat(IncidentLifecycle.untilNextDeadline(status, at(16))).isEmpty();
    }

    @Test
    void aHighSeverityIncidentWithoutCommanderBreachesEvenWhenAcknowledged() {
        IncidentLifecycle.reached(status, IncidentPhase.Acknowledged, at(2));

        assertThat(IncidentLifecycle.checkSla(spec, status, matrix, at(15))).singleElement()
                .satisfies(n -> assertThat(n.message()).startsWith("no incident commander in time"));

        IncidentStatus commanded = new IncidentStatus();
        commanded.setDetectedAt(status.getDetectedAt());
        commanded.setPhase(IncidentPhase.Acknowledged);
        commanded.setAcknowledgedAt(status.getAcknowledgedAt());
        spec.setCommander("alice@example.com");
        assertThat(IncidentLifecycle.checkSla(spec, commanded, matrix, at(15))).isEmpty();
    }

    @Test
    void aResolvedIncidentNeverBreaches() {
        status.setPhase(IncidentPhase.Resolved);

        assertThat(IncidentLifecycle.checkSla(spec, status, matrix, at(60))).isEmpty();
    }

    @Test
    void anUpdateRestartsTheUpdateClock() {
        IncidentUpdate update = new IncidentUpdate();
        update.setMessage("Rolled back");
        update.setTime("2026-11-26T10:20:00Z");
        spec.setUpdates(List.of(update));

        IncidentLifecycle.checkSla(spec, status, matrix, at(21));

        assertThat(status.getSla().getNextUpdateDueAt()).isEqualTo("2026-11-26T10:50:00Z");
    }

    @Test
    void rolesRequiredBySeverityAndMissing() {
        spec.setCommander("alice@example.com");
        spec.setResponders(List.of(new Responder("bob@example.com", Responder.Role.technical_lead),
                new Responder("carol@example.com", Responder.Role.responder)));

        IncidentLifecycle.staff(spec, status, matrix);
        assertThat(status.getRequiredRoles()).hasSize(6);
        assertThat(status.getMissingRoles()).containsExactly("communications_lead", "scribe", "subject_matter_expert");

        spec.setSeverity(Severity.SEV4);
        IncidentLifecycle.staff(spec, status, matrix);
        assertThat(status.getRequiredRoles()).containsExactly("responder");
        assertThat(status.getMissingRoles()).isEmpty();
    }

    @Test
    void theTimelineKeepsTheFirstAndTheNewestEntries() {
        for (int i = 0; i < 130; i++) {
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(null, "Note", "entry " + i, null));
        }

        assertThat(status.getTimeline()).hasSize(IncidentLifecycle.TIMELINE_LIMIT);
        assertThat(status.getTimelineDropped()).isEqualTo(30);
        assertThat(status.getTimeline().get(0).getMessage()).isEqualTo("entry 0");
        assertThat(status.getTimeline().get(IncidentLifecycle.TIMELINE_HEAD - 1).getMessage()).isEqualTo("entry 9");
        assertThat(status.getTimeline().get(IncidentLifecycle.TIMELINE_HEAD).getMessage()).isEqualTo("entry 40");
        assertThat(status.getTimeline().get(IncidentLifecycle.TIMELINE_LIMIT - 1).getMessage()).isEqualTo("entry 129");
    }

    @Test
    void theTimelineSaysOnceWhenTheAlertsDataWentMissingAndOnceWhenItCameBack() {
        dev.klaxon.api.v1alpha1.Incident incident = new dev.klaxon.api.v1alpha1.Incident();
        incident.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(
                dev.klaxon.api.v1alpha1.KlaxonApi.ANNOTATION_NO_DATA_SINCE, "2026-12-02T06:00:00Z")));
        IncidentStatus status = new IncidentStatus();

        IncidentLifecycle.recordNoData(incident, status, "2026-12-02T06:00:05Z");
        IncidentLifecycle.recordNoData(incident, status, "2026-12-02T06:00:10Z");
        incident.getMetadata().getAnnotations().clear();
        IncidentLifecycle.recordNoData(incident, status, "2026-12-02T06:05:00Z");

        assertThat(status.getTimeline()).extracting(TimelineEntry::getType).containsExactly("NoData", "DataReturned");
        assertThat(status.getTimeline().get(0).getMessage()).contains("since 2026-12-02T06:00:00Z", "stays open");
        assertThat(status.getNoDataSince()).isNull();
    }
}
