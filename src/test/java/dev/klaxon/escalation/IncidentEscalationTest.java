package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationRequest;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.SupportHours;
import dev.klaxon.api.v1alpha1.TimeRestriction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentEscalationTest {

    private static final Instant OPENED = Instant.parse("2026-11-26T10:00:00Z");
    private final EscalationState state = new EscalationState();
    private final Map<String, String> onCall = Map.of("platform", "carol@example.com");

    private static EscalationLevel level(String delay, List<String> users, List<String> schedules, List<String> channels) {
        EscalationTargets targets = new EscalationTargets();
        targets.setUsers(users);
        targets.setSchedules(schedules);
        targets.setChannels(channels);
        EscalationLevel level = new EscalationLevel();
        level.setDelay(delay);
        level.setTargets(targets);
        return level;
    }

    private static EscalationPolicySpec policy() {
        EscalationPolicySpec policy = new EscalationPolicySpec();
        policy.setLevels(List.of(level("5m", null, List.of("platform"), List.of("slack-oncall")),
                level("10m", List.of("dave@example.com"), null, List.of("pagerduty")),
                level("10m", List.of("vp@example.com"), null, null)));
        return policy;
    }

    private IncidentEscalation.Decision decide(EscalationPolicySpec policy, Severity severity, int minutes, Optional<Instant> ack) {
        return IncidentEscalation.decide("standard", policy, state, OPENED, ack, false, severity, OPENED.plus(Duration.ofMinutes(minutes)),
                schedule -> Optional.ofNullable(onCall.get(schedule)), Optional.empty());
    }

    private IncidentEscalation.Decision escalateNow(int minutes, int repeat, int level) {
        EscalationRequest request = new EscalationRequest();
        request.setRound(1);
        request.setRepeat(repeat);
        request.setLevel(level);
        request.setBy("carol@example.com");
        request.setPolicy("standard");
        request.setRequestedAt("2026-11-26T10:02:00Z");
        return IncidentEscalation.decide("standard", policy(), state, OPENED, Optional.empty(), false, Severity.SEV3, OPENED.plus(Duration.ofMinutes(minutes)).plusMillis(400),
                schedule -> Optional.ofNullable(onCall.get(schedule)), Optional.of(request));
    }

    @Test
    void escalateNowPagesTheNextLevelAtOnceAndTheOnesAfterKeepTheirDelays() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());

        IncidentEscalation.Decision asked = escalateNow(2, 0, 1);

        assertThat(asked.pages()).extracting(p -> p.event().key()).containsExactly("escalation-standard-0-2");
        assertThat(asked.pages().get(0).recipients()).containsExactly("dave@example.com");
        assertThat(asked.escalatedNow()).isPresent();
        assertThat(state.getLevel()).isEqualTo(2);
        // Level 2 was due at 5m; asked at 2m (and 400 ms), so level 3 comes 10 minutes after that, not at 15m.
        assertThat(state.getNextAt()).isEqualTo("2026-11-26T10:12:00Z");
        assertThat(state.getEndsAt()).isEqualTo("2026-11-26T10:22:00Z");
        assertThat(state.getStartedAt()).as("the rule's paging budget counts from when paging started").isNull();
    }

    @Test
    void escalateNowAsTheNextLevelFallsDueAnywayPagesOnlyThatLevel() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());

        // Asked a moment before level 2 was due, seen a moment after: level 2 is due anyway, level 3 keeps its delay.
        IncidentEscalation.Decision asked = escalateNow(5, 0, 1);

        assertThat(asked.pages()).extracting(p -> p.event().key()).containsExactly("escalation-standard-0-2");
        assertThat(state.getNextAt()).isEqualTo("2026-11-26T10:15:00Z");
    }

    @Test
    void escalateNowForAnotherPolicyIsSpent() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        EscalationRequest request = new EscalationRequest();
        request.setPolicy("another");
        request.setRound(1);
        request.setLevel(1);
        request.setBy("carol@example.com");

        IncidentEscalation.Decision asked = IncidentEscalation.decide("standard", policy(), state, OPENED, Optional.empty(), false, Severity.SEV3,
                OPENED.plus(Duration.ofMinutes(2)), schedule -> Optional.empty(), Optional.of(request));

        assertThat(asked.pages()).isEmpty();
        assertThat(asked.escalatedNow()).isEmpty();
    }

    @Test
    void escalateNowActsOnceTheEscalationIsPastTheStepItNames() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        escalateNow(2, 0, 1);

        IncidentEscalation.Decision again = escalateNow(3, 0, 1);

        assertThat(again.pages()).isEmpty();
        assertThat(again.escalatedNow()).isEmpty();
        assertThat(state.getLevel()).isEqualTo(2);
    }

    @Test
    void aSpentRequestDoesNotActAgainWhenThePolicySwitchesAwayAndBack() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        escalateNow(2, 0, 1);
        IncidentEscalation.decide("other", policy(), state, OPENED, Optional.empty(), false, Severity.SEV3, OPENED.plus(Duration.ofMinutes(3)),
                schedule -> Optional.empty(), Optional.empty());
        IncidentEscalation.decide("standard", policy(), state, OPENED, Optional.empty(), false, Severity.SEV3, OPENED.plus(Duration.ofMinutes(4)),
                schedule -> Optional.empty(), Optional.empty());
        assertThat(state.getLevel()).as("standard starts again from level 1").isEqualTo(1);

        IncidentEscalation.Decision again = escalateNow(5, 0, 1);

        assertThat(again.escalatedNow()).isEmpty();
        assertThat(again.pages()).isEmpty();
        assertThat(state.getNextAt()).as("level 2 of the policy taken over at 4m comes at 9m").isEqualTo("2026-11-26T10:09:00Z");
    }

    @Test
    void escalateNowFromTheLastLevelHasNobodyToPage() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        decide(policy(), Severity.SEV3, 16, Optional.empty());
        assertThat(state.getLevel()).isEqualTo(3);

        IncidentEscalation.Decision asked = escalateNow(17, 0, 3);

        assertThat(asked.pages()).isEmpty();
        assertThat(asked.escalatedNow()).isEmpty();
    }

    @Test
    void levelOnePagesWhoeverIsOnCallWhenTheIncidentOpens() {
        IncidentEscalation.Decision opened = decide(policy(), Severity.SEV3, 0, Optional.empty());

        assertThat(opened.pages()).singleElement().satisfies(p -> {
            assertThat(p.event().key()).isEqualTo("escalation-standard-0-1");
            assertThat(p.people()).containsExactly("carol@example.com (on call in platform)");
            assertThat(p.channels()).containsExactly("slack-oncall");
        });
        assertThat(state.getLevel()).isEqualTo(1);
        assertThat(state.getNextAt()).isEqualTo("2026-11-26T10:05:00Z");
        assertThat(opened.wakeAt()).contains(OPENED.plus(Duration.ofMinutes(5)));
        assertThat(decide(policy(), Severity.SEV3, 1, Optional.empty()).pages()).as("level 1 only once").isEmpty();
    }

    @Test
    void anUnacknowledgedIncidentClimbsALevelPerDelayAndStopsAtTheAcknowledgement() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        assertThat(decide(policy(), Severity.SEV3, 5, Optional.empty()).pages()).extracting(p -> p.event().key())
                .containsExactly("escalation-standard-0-2");

        IncidentEscalation.Decision acked = decide(policy(), Severity.SEV3, 20, Optional.of(OPENED.plus(Duration.ofMinutes(12))));

        assertThat(acked.pages()).isEmpty();
        assertThat(acked.stopped()).contains("acknowledged");
        assertThat(state.getLevel()).isEqualTo(2);
        assertThat(decide(policy(), Severity.SEV3, 40, Optional.empty()).pages()).as("stopped for good").isEmpty();
    }

    @Test
    void anOperatorThatWasDownCatchesUpEveryMissedLevelOnce() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());

        IncidentEscalation.Decision late = decide(policy(), Severity.SEV3, 16, Optional.empty());

        assertThat(late.pages()).extracting(p -> p.event().key()).containsExactly("escalation-standard-0-2", "escalation-standard-0-3");
    }

    @Test
    void withNobodyAcknowledgingThePolicyRunsOutAndSaysSo() {
        EscalationPolicySpec policy = policy();
        policy.setRepeat(1);
        decide(policy, Severity.SEV3, 0, Optional.empty());

        IncidentEscalation.Decision repeated = decide(policy, Severity.SEV3, 25, Optional.empty());
        assertThat(repeated.pages()).extracting(p -> p.event().key())
                .containsExactly("escalation-standard-0-2", "escalation-standard-0-3", "escalation-standard-1-1");
        assertThat(state.getRound()).isEqualTo(1);

        IncidentEscalation.Decision exhausted = decide(policy, Severity.SEV3, 50, Optional.empty());
        assertThat(exhausted.stopped()).hasValueSatisfying(s -> assertThat(s).startsWith("exhausted"));
        assertThat(exhausted.wakeAt()).isEmpty();
    }

    @Test
    void executivesHearOfASev1OrSev2OnceAndOfNothingLess() {
        EscalationPolicySpec policy = policy();
        EscalationTargets executives = new EscalationTargets();
        executives.setUsers(List.of("cto@example.com"));
        executives.setChannels(List.of("exec-email"));
        policy.setExecutives(executives);

        assertThat(decide(policy, Severity.SEV3, 0, Optional.empty()).pages()).extracting(p -> p.event().key())
                .doesNotContain("executives");
        assertThat(decide(policy, Severity.SEV1, 1, Optional.empty()).pages()).extracting(p -> p.event().key())
                .containsExactly("executives");
        assertThat(decide(policy, Severity.SEV1, 2, Optional.empty()).pages()).isEmpty();
    }

    @Test
    void aLevelDueBeforeTheAcknowledgementWasSeenIsNotPaged() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());

        // The operator was down from minute 3 to 20; the incident was acknowledged at minute 10.
        IncidentEscalation.Decision late = decide(policy(), Severity.SEV3, 20, Optional.of(OPENED.plus(Duration.ofMinutes(10))));

        assertThat(late.pages()).isEmpty();
        assertThat(late.stopped()).contains("acknowledged");
        assertThat(state.getLevel()).isEqualTo(1);
    }

    @Test
    void executivesHearOfAnIncidentRaisedToSev1AfterTheClimbStopped() {
        EscalationPolicySpec policy = policy();
        EscalationTargets executives = new EscalationTargets();
        executives.setUsers(List.of("cto@example.com"));
        policy.setExecutives(executives);
        decide(policy, Severity.SEV3, 0, Optional.empty());
        decide(policy, Severity.SEV3, 2, Optional.of(OPENED.plus(Duration.ofMinutes(1))));

        assertThat(decide(policy, Severity.SEV1, 3, Optional.of(OPENED.plus(Duration.ofMinutes(1)))).pages())
                .extracting(p -> p.event().key()).containsExactly("executives");
    }

    @Test
    void anotherPolicyStartsFromItsOwnFirstLevel() {
        decide(policy(), Severity.SEV3, 0, Optional.empty());
        decide(policy(), Severity.SEV3, 5, Optional.empty());

        IncidentEscalation.Decision switched = IncidentEscalation.decide("management", policy(), state, OPENED, Optional.empty(), false,
                Severity.SEV3, OPENED.plus(Duration.ofMinutes(6)), schedule -> Optional.empty(), Optional.empty());

        assertThat(switched.pages()).extracting(p -> p.event().key()).containsExactly("escalation-management-0-1");
        assertThat(state.getPolicy()).isEqualTo("management");
        assertThat(state.getLevel()).isEqualTo(1);
    }

    private static EscalationPolicySpec withSupportHours(String zone) {
        EscalationPolicySpec policy = policy();
        SupportHours hours = new SupportHours();
        hours.setTimeZone(zone);
        TimeRestriction office = new TimeRestriction();
        office.setDays(List.of(TimeRestriction.Day.Mon, TimeRestriction.Day.Tue, TimeRestriction.Day.Wed, TimeRestriction.Day.Thu,
                TimeRestriction.Day.Fri));
        office.setStart("09:00");
        office.setEnd("17:00");
        hours.setWindows(List.of(office));
        hours.setSeverities(List.of(Severity.SEV4, Severity.SEV5));
        policy.setSupportHours(hours);
        return policy;
    }

    @Test
    void aLowUrgencyIncidentAtNightWaitsForTheMorningAndAHighUrgencyOneDoesNot() {
        Instant thursdayNight = Instant.parse("2026-12-03T23:30:00Z");

        assertThat(IncidentEscalation.waitForSupportHours(withSupportHours("Europe/Berlin"), Severity.SEV4, thursdayNight))
                .contains(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(IncidentEscalation.waitForSupportHours(withSupportHours("Europe/Berlin"), Severity.SEV1, thursdayNight)).isEmpty();
        assertThat(IncidentEscalation.waitForSupportHours(withSupportHours("Europe/Berlin"), Severity.SEV4, Instant.parse("2026-12-04T10:00:00Z")))
                .as("within the hours").isEmpty();
        assertThat(IncidentEscalation.waitForSupportHours(policy(), Severity.SEV4, thursdayNight)).as("no support hours").isEmpty();
        assertThat(IncidentEscalation.waitForSupportHours(withSupportHours("Mars/Olympus"), Severity.SEV4, thursdayNight))
                .as("an unknown zone never keeps a page back").isEmpty();
    }

    @Test
    void anEmptyScheduleIsNamedNotSkipped() {
        IncidentEscalation.Decision opened = IncidentEscalation.decide("standard", policy(), state, OPENED, Optional.empty(), false,
                Severity.SEV3, OPENED, schedule -> Optional.empty(), Optional.empty());

        assertThat(opened.pages().get(0).people()).containsExactly("nobody (no one on call in platform)");
    }
}
