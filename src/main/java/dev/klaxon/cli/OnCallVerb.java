package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.OnCallScheduleStatus;
import dev.klaxon.api.v1alpha1.Shift;
import dev.klaxon.common.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Who is on call: the operator publishes the current and coming shifts in the schedule's status. */
@Command(name = "oncall", description = "Who is on call now, or at a time in the coming 14 days.")
final class OnCallVerb implements Callable<Integer> {

    @ParentCommand
    KlaxonCli cli;
    @Parameters(paramLabel = "<schedule>")
    String schedule;
    @Option(names = "--at", paramLabel = "<time>", description = "An RFC 3339 time, e.g. 2026-12-24T20:00:00Z.")
    String at;
    @Mixin
    Output output;

    @Override
    public Integer call() {
        Optional<Instant> when = Optional.empty();
        if (at != null) {
            try {
                when = Optional.of(Instant.parse(at));
            } catch (DateTimeParseException e) {
                throw new CliException("--at " + at + " is not a time (e.g. 2026-12-24T20:00:00Z)");
            }
        }
        OnCallSchedule found;
        try (Kube kube = cli.kube()) {
            found = kube.get(OnCallSchedule.class, schedule);
        }
        OnCallScheduleStatus status = found.getStatus() != null ? found.getStatus() : new OnCallScheduleStatus();
        String text = when.isEmpty() ? now(status) : at(status, when.get(), schedule);
        output.print(cli.out(), found, text.stripTrailing());
        return 0;
    }

    static String now(OnCallScheduleStatus status) {
        String text = "on call now: " + or(status.getOnCallNow()) + source(status.getOnCallSource()) + "\n";
        if (status.getNextHandoff() != null) {
            text += "next hand-off: " + status.getNextHandoff() + " to " + or(status.getNextOnCall()) + "\n";
        }
        return text;
    }

    static String at(OnCallScheduleStatus status, Instant when, String schedule) {
        List<Shift> shifts = status.getUpcoming() == null ? List.of() : status.getUpcoming();
        if (shifts.isEmpty()) {
            throw new CliException("schedule " + schedule + " has no published shifts yet (is the operator running?)");
        }
        String time = Timestamps.format(when);
        for (Shift shift : shifts) {
            if (!Timestamps.parse(shift.getStart()).isAfter(when) && when.isBefore(Timestamps.parse(shift.getEnd()))) {
                return "on call at " + time + ": " + or(shift.getUser()) + source(shift.getSource()) + "\n";
            }
        }
        throw new CliException(time + " is outside the published shifts of " + schedule + " (" + shifts.get(0).getStart() + " to "
                + shifts.get(shifts.size() - 1).getEnd() + ")");
    }

    private static String or(String user) {
        return user == null || user.isEmpty() ? "nobody" : user;
    }

    private static String source(String source) {
        return source == null || source.isEmpty() ? "" : " (" + source + ")";
    }
}
