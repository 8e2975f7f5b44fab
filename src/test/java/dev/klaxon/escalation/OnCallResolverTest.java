package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.OnCallScheduleSpec;
import dev.klaxon.api.v1alpha1.RotationLayer;
import dev.klaxon.api.v1alpha1.ScheduleOverride;
import dev.klaxon.api.v1alpha1.TimeRestriction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallResolverTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static RotationLayer layer(String name, RotationLayer.Rotation rotation, String start, String handoff, String... users) {
        RotationLayer layer = new RotationLayer();
        layer.setName(name);
        layer.setRotation(rotation);
        layer.setStart(start);
        layer.setHandoffTime(handoff);
        layer.setUsers(List.of(users));
        return layer;
    }

    private static OnCallScheduleSpec schedule(RotationLayer... layers) {
        OnCallScheduleSpec spec = new OnCallScheduleSpec();
        spec.setTimeZone("Europe/Berlin");
        spec.setLayers(new ArrayList<>(List.of(layers)));
        return spec;
    }

    /** A local time in Berlin as an instant. */
    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static String who(OnCallScheduleSpec spec, String localDateTime) {
        return new OnCallResolver(spec).at(berlin(localDateTime)).user();
    }

    @Test
    void aWeeklyRotationHandsOverAtTheHandoffTime() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "alice", "bob", "carol"));

        assertThat(who(spec, "2026-11-02T08:59")).as("before the first shift").isNull();
        assertThat(who(spec, "2026-11-02T09:00")).isEqualTo("alice");
        assertThat(who(spec, "2026-11-09T08:59")).isEqualTo("alice");
        assertThat(who(spec, "2026-11-09T09:00")).isEqualTo("bob");
        assertThat(who(spec, "2026-11-16T09:00")).isEqualTo("carol");
        assertThat(who(spec, "2026-11-23T09:00")).as("round again").isEqualTo("alice");
        assertThat(new OnCallResolver(spec).at(berlin("2026-11-10T12:00")).source()).isEqualTo("layer primary");
    }

    @Test
    void aDailyHandoffStaysAtNineLocalAcrossTheSpringForwardChange() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Daily, "2027-03-01", "09:00", "alice", "bob"));
        OnCallResolver resolver = new OnCallResolver(spec);

        // 27 March 2027 is CET (UTC+1), 28 March CEST (UTC+2): 09:00 local is 08:00Z, then 07:00Z.
        assertThat(resolver.nextHandoff(Instant.parse("2027-03-27T00:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
        assertThat(resolver.nextHandoff(Instant.parse("2027-03-27T12:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
        assertThat(who(spec, "2027-03-28T08:59")).isNotEqualTo(who(spec, "2027-03-28T09:00"));
    }

    @Test
    void aDailyHandoffStaysAtNineLocalAcrossTheFallBackChange() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Daily, "2027-10-01", "09:00", "alice", "bob"));
        OnCallResolver resolver = new OnCallResolver(spec);

        // 31 October 2027 falls back to CET: 09:00 local is 07:00Z on the 30th and 08:00Z on the 31st.
        assertThat(resolver.nextHandoff(Instant.parse("2027-10-30T12:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2027-10-31T08:00:00Z"));
    }

    @Test
    void aHandoffInsideTheSkippedHourHappensWhenTheClockJumps() {
        // 02:30 does not exist on 28 March 2027 in Berlin; the hand-off is at 03:30 CEST (01:30Z).
        OnCallScheduleSpec spec = schedule(layer("night", RotationLayer.Rotation.Daily, "2027-03-20", "02:30", "alice", "bob"));

        assertThat(new OnCallResolver(spec).nextHandoff(Instant.parse("2027-03-27T12:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    }

    @Test
    void aRotationStartingOnTheSkippedHourKeepsItsLocalHandoffAfterwards() {
        // First hand-off 02:30 on 28 March 2027 does not exist (03:30 CEST); the next ones are at 02:30 again.
        OnCallScheduleSpec spec = schedule(layer("night", RotationLayer.Rotation.Daily, "2027-03-28", "02:30", "alice", "bob"));

        assertThat(new OnCallResolver(spec).nextHandoff(Instant.parse("2027-03-28T12:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2027-03-29T00:30:00Z"));
    }

    @Test
    void aOnePersonScheduleHasNoHandoffAndTheSearchEnds() {
        RotationLayer hourly = layer("solo", RotationLayer.Rotation.Custom, "2026-11-02", "09:00", "alice");
        hourly.setLength("1h");

        assertThat(new OnCallResolver(schedule(hourly)).nextHandoff(berlin("2026-11-03T10:00"))).isEmpty();
    }

    @Test
    void aCustomLengthInHoursIsExactEvenAcrossDaylightSaving() {
        RotationLayer twelveHours = layer("follow-the-sun", RotationLayer.Rotation.Custom, "2027-03-27", "20:00", "emea", "amer");
        twelveHours.setLength("12h");
        OnCallResolver resolver = new OnCallResolver(schedule(twelveHours));

        // 20:00 CET is 19:00Z; twelve hours later is 07:00Z, which is 09:00 CEST.
        assertThat(resolver.at(Instant.parse("2027-03-27T19:00:00Z")).user()).isEqualTo("emea");
        assertThat(resolver.nextHandoff(Instant.parse("2027-03-27T19:00:00Z")).orElseThrow())
                .isEqualTo(new OnCallResolver.Handoff(Instant.parse("2027-03-28T07:00:00Z"), new OnCallResolver.OnCall("amer", "layer follow-the-sun")));
    }

    @Test
    void aRestrictedLayerAppliesOnlyInsideItsWindowAndLowerLayersCoverTheRest() {
        RotationLayer business = layer("business-hours", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "dana");
        TimeRestriction weekdays = new TimeRestriction();
        weekdays.setDays(List.of(TimeRestriction.Day.Mon, TimeRestriction.Day.Tue, TimeRestriction.Day.Wed, TimeRestriction.Day.Thu,
                TimeRestriction.Day.Fri));
        weekdays.setStart("09:00");
        weekdays.setEnd("17:00");
        business.setRestrictions(List.of(weekdays));
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "alice"), business);

        assertThat(who(spec, "2026-11-06T16:59")).as("Friday afternoon").isEqualTo("dana");
        assertThat(who(spec, "2026-11-06T17:00")).as("Friday at five").isEqualTo("alice");
        assertThat(who(spec, "2026-11-07T10:00")).as("Saturday").isEqualTo("alice");
        assertThat(who(spec, "2026-11-09T09:00")).as("Monday at nine").isEqualTo("dana");
        OnCallResolver resolver = new OnCallResolver(spec);
        assertThat(resolver.nextHandoff(berlin("2026-11-06T16:00")).orElseThrow().at()).isEqualTo(berlin("2026-11-06T17:00"));
        assertThat(resolver.nextHandoff(berlin("2026-11-06T17:00")).orElseThrow().at()).as("over the weekend")
                .isEqualTo(berlin("2026-11-09T09:00"));
    }

    @Test
    void anOvernightWindowCoversTheMorningAfter() {
        RotationLayer nights = layer("nights", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "nora");
        TimeRestriction monday = new TimeRestriction();
        monday.setDays(List.of(TimeRestriction.Day.Mon));
        monday.setStart("22:00");
        monday.setEnd("06:00");
        nights.setRestrictions(List.of(monday));
        OnCallScheduleSpec spec = schedule(nights);

        assertThat(who(spec, "2026-11-02T23:00")).isEqualTo("nora");
        assertThat(who(spec, "2026-11-03T05:59")).isEqualTo("nora");
        assertThat(who(spec, "2026-11-03T06:00")).isNull();
        assertThat(who(spec, "2026-11-03T23:00")).as("Tuesday night is not listed").isNull();
    }

    @Test
    void overridesWinAndTheLaterOfTwoOverlappingOnesWins() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "alice"));
        spec.setOverrides(List.of(override("dave", "2026-11-04T10:00:00+01:00", "2026-11-04T14:00:00+01:00"),
                override("erin", "2026-11-04T12:00:00+01:00", "2026-11-04T13:00:00+01:00")));
        OnCallResolver resolver = new OnCallResolver(spec);

        assertThat(who(spec, "2026-11-04T09:59")).isEqualTo("alice");
        assertThat(resolver.at(berlin("2026-11-04T11:00"))).isEqualTo(new OnCallResolver.OnCall("dave", "override"));
        assertThat(who(spec, "2026-11-04T12:30")).isEqualTo("erin");
        assertThat(who(spec, "2026-11-04T13:30")).isEqualTo("dave");
        assertThat(who(spec, "2026-11-04T14:00")).isEqualTo("alice");
        assertThat(resolver.stretches(berlin("2026-11-04T09:00"), berlin("2026-11-04T15:00"), 10))
                .extracting(s -> s.onCall().user() + "@" + s.start().atZone(BERLIN).toLocalTime())
                .containsExactly("alice@09:00", "dave@10:00", "erin@12:00", "dave@13:00", "alice@14:00");
    }

    @Test
    void anOverrideByThePersonAlreadyOnCallIsNoHandoff() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "alice", "bob"));
        spec.setOverrides(List.of(override("alice", "2026-11-04T10:00:00+01:00", "2026-11-04T14:00:00+01:00")));

        assertThat(new OnCallResolver(spec).nextHandoff(berlin("2026-11-04T09:00")).orElseThrow().at()).isEqualTo(berlin("2026-11-09T09:00"));
    }

    @Test
    void badInputIsNamed() {
        OnCallScheduleSpec spec = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-11-02", "09:00", "alice"));
        spec.setTimeZone("Mars/Olympus_Mons");
        assertThatThrownBy(() -> new OnCallResolver(spec)).hasMessageContaining("spec.timeZone Mars/Olympus_Mons");

        OnCallScheduleSpec badDate = schedule(layer("primary", RotationLayer.Rotation.Weekly, "2026-02-30", "09:00", "alice"));
        assertThatThrownBy(() -> new OnCallResolver(badDate)).hasMessageContaining("spec.layers[0] (primary).start 2026-02-30");
    }

    private static ScheduleOverride override(String user, String start, String end) {
        ScheduleOverride override = new ScheduleOverride();
        override.setUser(user);
        override.setStart(start);
        override.setEnd(end);
        return override;
    }
}
