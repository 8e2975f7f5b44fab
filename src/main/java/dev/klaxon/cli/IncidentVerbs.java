package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.common.Timestamps;
import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.incident.PhaseTransitions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The verbs that work an incident. Each change is one request, computed from the incident as it is. */
final class IncidentVerbs {

    private IncidentVerbs() {
    }

    static Map<String, Object> movePatch(String from, String to, String by, String reason) {
        String note = new ChangeNote(from, to, by, reason).toJson();
        return Map.of("metadata", Map.of("annotations", Map.of(ChangeNote.PHASE, note)), "spec", Map.of("phase", to));
    }

    abstract static class Verb implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
        @Mixin
        Output output;

        /**
         * Moves the incident on; one already there is done (exit 0). One past it is done too when
         * {@code pastIsDone} (resolve on a Closed incident), and otherwise refused before anything is
         * sent: no verb tries to move a phase backwards.
         */
        Integer moveAndTell(String name, String to, String reason, boolean pastIsDone) {
            IncidentPhase target = java.util.Arrays.stream(IncidentPhase.values()).filter(p -> p.name().equals(to)).findFirst()
                    .orElseThrow(() -> new CliException("unknown phase " + to + ": one of " + java.util.Arrays.toString(IncidentPhase.values())));
            try (Kube kube = cli.kube()) {
                String by = kube.whoami().getUsername();
                String[] said = new String[1];
                Incident moved = kube.change(Incident.class, name, current -> {
                    IncidentPhase from = current.getSpec().getPhase();
                    if (from == target || from != null && !PhaseTransitions.isAllowed(from, target) && pastIsDone) {
                        said[0] = "incident " + name + " is already " + from + ": nothing to do";
                        return Map.of();
                    }
                    if (from != null && !PhaseTransitions.isAllowed(from, target)) {
                        throw new CliException("incident " + name + " is " + from + ": it cannot move back to " + target
                                + " (phases move forward, skips allowed; Resolved may reopen to Investigating; Closed is final)");
                    }
                    said[0] = "incident " + name + ": " + from + " -> " + to;
                    return movePatch(String.valueOf(from), to, by, reason);
                });
                output.print(cli.out(), moved, said[0]);
            }
            return 0;
        }
    }

    @Command(name = "ack", description = "Acknowledge an incident (a reopened one: its current round).")
    static final class Ack extends Verb {
        @Parameters(paramLabel = "<incident>")
        String name;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                String by = kube.whoami().getUsername();
                String[] said = new String[1];
                // Decided on the incident as it is when the change applies: it may have been reopened meanwhile.
                Incident acknowledged = kube.change(Incident.class, name, current -> {
                    Integer round = current.getStatus() == null ? null : current.getStatus().getRound();
                    if (isAcknowledged(current, round)) {
                        // Acknowledged already, or past it: done, not an error (and never a move backwards).
                        said[0] = "incident " + name + " is already acknowledged (" + current.getSpec().getPhase()
                                + (round != null && round > 1 ? ", round " + round : "") + "): nothing to do";
                        return Map.of();
                    }
                    if (round != null && round > 1) {
                        // A reopened incident is past Acknowledged: its round is acknowledged by number.
                        said[0] = "incident " + name + ": round " + round + " acknowledged";
                        return Map.of("spec", Map.of("acknowledgedRound", round));
                    }
                    String from = String.valueOf(current.getSpec().getPhase());
                    said[0] = "incident " + name + ": " + from + " -> " + IncidentPhase.Acknowledged;
                    return movePatch(from, IncidentPhase.Acknowledged.name(), by, "acknowledged with kubectl klaxon ack");
                });
                output.print(cli.out(), acknowledged, said[0]);
            }
            return 0;
        }
    }

    /** Whether the incident's current round is acknowledged: a later phase in round 1, the round's own acknowledgment after a reopen. */
    static boolean isAcknowledged(Incident incident, Integer round) {
        if (round != null && round > 1) {
            return round.equals(incident.getSpec().getAcknowledgedRound())
                    || incident.getStatus() != null && incident.getStatus().getRoundAcknowledgedAt() != null;
        }
        IncidentPhase phase = incident.getSpec().getPhase();
        return phase != null && phase.ordinal() >= IncidentPhase.Acknowledged.ordinal();
    }

    @Command(name = "status", description = "Move an incident to a phase (Investigating, Identified, Mitigating, ...).")
    static final class Status extends Verb {
        @Parameters(index = "0", paramLabel = "<incident>")
        String name;
        @Parameters(index = "1", paramLabel = "<phase>")
        String phase;

        @Override
        public Integer call() {
            return moveAndTell(name, phase, "moved with kubectl klaxon status", false);
        }
    }

    @Command(name = "resolve", description = "Resolve an incident.")
    static final class Resolve extends Verb {
        @Parameters(paramLabel = "<incident>")
        String name;

        @Override
        public Integer call() {
            return moveAndTell(name, IncidentPhase.Resolved.name(), "resolved with kubectl klaxon resolve", true);
        }
    }

    @Command(name = "close", description = "Close an incident (final).")
    static final class Close extends Verb {
        @Parameters(paramLabel = "<incident>")
        String name;

        @Override
        public Integer call() {
            return moveAndTell(name, IncidentPhase.Closed.name(), "closed with kubectl klaxon close", true);
        }
    }

    @Command(name = "assign", description = "Add a responder; role incident_commander also makes them the commander.")
    static final class Assign extends Verb {
        @Parameters(index = "0", paramLabel = "<incident>")
        String name;
        @Parameters(index = "1", paramLabel = "<role>")
        String role;
        @Parameters(index = "2", paramLabel = "<user>")
        String user;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                Incident assigned = kube.change(Incident.class, name, current -> {
                    List<Object> responders = new ArrayList<>(current.getSpec().getResponders() == null ? List.of() : current.getSpec().getResponders());
                    responders.add(Map.of("name", user, "role", role));
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("responders", responders);
                    if (role.equals("incident_commander")) {
                        spec.put("commander", user);
                    }
                    return Map.of("spec", spec);
                });
                output.print(cli.out(), assigned, "incident " + name + ": " + user + " is " + role);
            }
            return 0;
        }
    }

    @Command(name = "note", description = "Post a status update (--public: customers hear it too).")
    static final class Note extends Verb {
        @Parameters(index = "0", paramLabel = "<incident>")
        String name;
        @Parameters(index = "1", paramLabel = "<message>")
        String message;
        @Option(names = "--public", description = "Customers' channels hear this update.")
        boolean isPublic;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                String author = kube.whoami().getUsername();
                String time = Timestamps.format(Clock.systemUTC().instant());
                Incident noted = kube.change(Incident.class, name, current -> {
                    List<Object> updates = new ArrayList<>(current.getSpec().getUpdates() == null ? List.of() : current.getSpec().getUpdates());
                    updates.add(Map.of("message", message, "author", author, "time", time, "public", isPublic));
                    return Map.of("spec", Map.of("updates", updates));
                });
                output.print(cli.out(), noted, "incident " + name + ": update posted");
            }
            return 0;
        }
    }
}
