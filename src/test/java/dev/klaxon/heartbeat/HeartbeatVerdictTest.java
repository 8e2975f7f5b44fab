package dev.klaxon.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.HeartbeatStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeartbeatVerdictTest {

    private static final Instant CREATED = Instant.parse("2026-12-05T00:00:00Z");
    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofMinutes(1);

    @Test
    void aNewHeartbeatWaitsOnePeriodAndGraceForItsFirstCheckIn() {
        HeartbeatVerdict early = HeartbeatVerdict.ofSignal("check-in", Optional.empty(), CREATED, PERIOD, GRACE, CREATED.plusSeconds(359));
        assertThat(early.state()).isEqualTo(State.Waiting);
        assertThat(early.recheckAt()).contains(CREATED.plusSeconds(360));
        HeartbeatVerdict late = HeartbeatVerdict.ofSignal("check-in", Optional.empty(), CREATED, PERIOD, GRACE, CREATED.plusSeconds(360));
        assertThat(late.state()).isEqualTo(State.Missed);
        assertThat(late.message()).contains("no check-in since the heartbeat was created");
    }

    @Test
    void aCheckInIsDueOnePeriodAndGraceAfterTheLast() {
        Instant last = CREATED.plusSeconds(1000);
        HeartbeatVerdict healthy = HeartbeatVerdict.ofSignal("check-in", Optional.of(last), CREATED, PERIOD, GRACE, last.plusSeconds(359));
        assertThat(healthy.state()).isEqualTo(State.Healthy);
        assertThat(healthy.recheckAt()).contains(last.plusSeconds(360));
        HeartbeatVerdict missed = HeartbeatVerdict.ofSignal("check-in", Optional.of(last), CREATED, PERIOD, GRACE, last.plusSeconds(360));
        assertThat(missed.state()).isEqualTo(State.Missed);
        assertThat(missed.message()).contains("no check-in since " + last);
        assertThat(missed.recheckAt()).as("only a check-in changes it now").isEmpty();
    }

    @Test
    void aCronJobRunIsOwedOnceItsTimeAndTheGraceHavePassed() throws Exception {
        CronSchedule hourly = CronSchedule.parse("0 * * * *", null);
        Instant run = Instant.parse("2026-12-05T10:00:00Z");
        // 10:00:30: the 10:00 run is not owed yet (grace 1m); the 09:00 run succeeded.
        HeartbeatVerdict before = HeartbeatVerdict.ofCronJob(hourly, Optional.of(Instant.parse("2026-12-05T09:00:40Z")), CREATED, GRACE,
                false, t -> Optional.of("unused"), run.plusSeconds(30));
        assertThat(before.state()).isEqualTo(State.Healthy);
        assertThat(before.recheckAt()).contains(run.plus(GRACE));
        // 10:01: owed, and the last success is 09:00's: missed, with what its Job says.
        HeartbeatVerdict missed = HeartbeatVerdict.ofCronJob(hourly, Optional.of(Instant.parse("2026-12-05T09:00:40Z")), CREATED, GRACE,
                false, t -> Optional.of("Job x-" + t.getEpochSecond() / 60 + " failed: BackoffLimitExceeded"), run.plus(GRACE));
        assertThat(missed.state()).isEqualTo(State.Missed);
        assertThat(missed.message()).contains("scheduled at 2026-12-05T10:00:00Z", "failed: BackoffLimitExceeded", "last success 2026-12-05T09:00:40Z");
        assertThat(missed.recheckAt()).contains(run.plus(Duration.ofHours(1)).plus(GRACE));
        // 10:00:50 success: healthy again.
        assertThat(HeartbeatVerdict.ofCronJob(hourly, Optional.of(run.plusSeconds(50)), CREATED, GRACE, false, t -> Optional.empty(),
                run.plus(GRACE)).state()).isEqualTo(State.Healthy);
    }

    @Test
    void aRunDueBeforeTheHeartbeatExistedIsNotOwedAndASuspendedCronJobSaysSo() throws Exception {
        CronSchedule daily = CronSchedule.parse("@daily", null);
        Instant created = Instant.parse("2026-12-05T08:00:00Z");
        assertThat(HeartbeatVerdict.ofCronJob(daily, Optional.empty(), created, GRACE, false, t -> Optional.empty(),
                Instant.parse("2026-12-05T12:00:00Z")).state()).isEqualTo(State.Waiting);
        HeartbeatVerdict suspended = HeartbeatVerdict.ofCronJob(daily, Optional.empty(), created, GRACE, true, t -> Optional.empty(),
                Instant.parse("2026-12-06T00:01:00Z"));
        assertThat(suspended.state()).isEqualTo(State.Missed);
        assertThat(suspended.message()).contains("the CronJob is suspended", "no success yet");
    }
}
