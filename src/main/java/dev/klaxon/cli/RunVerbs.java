package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The verbs of playbook runs. What users type reaches the API only as values of the object, never as a command. */
final class RunVerbs {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** More groups than an approval names: the operator then counts only rights granted by name. */
    static final int MAX_APPROVAL_GROUPS = 50;

    private RunVerbs() {
    }

    abstract static class Verb implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
    }

    @Command(name = "run", description = "Start a playbook run as yourself.")
    static final class Run extends Verb {
        @Parameters(paramLabel = "<playbook>")
        String playbook;
        @Option(names = "--incident", paramLabel = "<incident>", description = "The incident the run is for.")
        String incident;
        @Option(names = "--param", paramLabel = "name=value", description = "A parameter of the playbook; repeat for several.")
        List<String> params = new ArrayList<>();
        @Mixin
        Output output;

        @Override
        public Integer call() {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String param : params) {
                int equals = param.indexOf('=');
                if (equals < 0) {
                    throw new CliException("--param takes name=value");
                }
                String name = param.substring(0, equals);
                if (!PARAMETER_NAME.matcher(name).matches()) {
                    throw new CliException("parameter name " + name + ": letters, digits and _ only");
                }
                parameters.put(name, param.substring(equals + 1));
            }
            try (Kube kube = cli.kube()) {
                kube.get(Playbook.class, playbook);
                if (incident != null) {
                    kube.get(Incident.class, incident);
                }
                PlaybookRunSpec spec = new PlaybookRunSpec();
                spec.setPlaybookRef(playbook);
                spec.setIncidentRef(incident);
                spec.setParameters(parameters);
                spec.setRequestedBy(kube.whoami().getUsername());
                PlaybookRun run = new PlaybookRun();
                run.setMetadata(new ObjectMetaBuilder().withGenerateName(playbook + "-").withNamespace(kube.namespace()).build());
                run.setSpec(spec);
                PlaybookRun created = kube.call(() -> kube.client().resource(run).create());
                String name = created.getMetadata().getName();
                output.print(cli.out(), created, "playbookrun " + name + " started" + (incident != null ? " for incident " + incident : "")
                        + "; follow it with: kubectl get playbookrun " + name + " -w");
            }
            return 0;
        }
    }

    @Command(name = "approve", description = "Approve a step of a run that waits for approval.")
    static final class Approve extends Verb {
        @Parameters(index = "0", paramLabel = "<run>")
        String run;
        @Parameters(index = "1", paramLabel = "<step>")
        String step;
        @Option(names = "--comment", paramLabel = "<text>", description = "Why, for the run's record.")
        String comment;
        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                UserInfo user = kube.whoami();
                // The groups the API server knows you by (the admission policy admits only those): the
                // operator asks whether you, with them, may create Jobs here, so group-granted rights count too.
                List<String> groups = Kube.groups(user);
                if (groups.size() >= MAX_APPROVAL_GROUPS) {
                    cli.err().println("warning: you are in more than " + MAX_APPROVAL_GROUPS
                            + " groups; the approval names none, so only rights granted to you by name count");
                    groups = List.of();
                }
                List<String> approvalGroups = groups;
                PlaybookRun approved = kube.change(PlaybookRun.class, run, current -> {
                    List<String> steps = steps(current.getStatus());
                    if (!steps.contains(step)) {
                        throw new CliException("run " + run + " has no step " + step + " (steps: " + (steps.isEmpty() ? "none yet" : String.join(" ", steps)) + ")");
                    }
                    List<Object> approvals = new ArrayList<>(current.getSpec().getApprovals() == null ? List.of() : current.getSpec().getApprovals());
                    Map<String, Object> approval = new LinkedHashMap<>();
                    approval.put("step", step);
                    approval.put("approvedBy", user.getUsername());
                    if (!approvalGroups.isEmpty()) {
                        approval.put("groups", approvalGroups);
                    }
                    if (comment != null) {
                        approval.put("comment", comment);
                    }
                    approvals.add(approval);
                    return Map.of("spec", Map.of("approvals", approvals));
                });
                output.print(cli.out(), approved, "playbookrun " + run + ": step " + step + " approved");
            }
            return 0;
        }

        private static List<String> steps(PlaybookRunStatus status) {
            return status == null || status.getSteps() == null ? List.of() : status.getSteps().stream().map(StepStatus::getName).toList();
        }
    }

    @Command(name = "runs", description = "List runs and the step each waits on.")
    static final class Runs extends Verb {
        @Option(names = "--incident", paramLabel = "<incident>", description = "Only the runs for this incident.")
        String incident;
        @Mixin
        Output output;

        static final String ROW = "%-40s %-24s %-32s %-20s %-8s %-24s %s";

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                var query = kube.client().resources(PlaybookRun.class).inNamespace(kube.namespace());
                KubernetesResourceList<PlaybookRun> list = kube.call(() -> incident == null ? query.list()
                        : query.withField("spec.incidentRef", incident).list());
                List<PlaybookRun> runs = new ArrayList<>(list.getItems());
                runs.sort(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()));
                output.print(cli.out(), list, table(runs));
            }
            return 0;
        }

        static String table(List<PlaybookRun> runs) {
            StringBuilder out = new StringBuilder(ROW.formatted("NAME", "PLAYBOOK", "INCIDENT", "PHASE", "PROGRESS", "WAITING-FOR-APPROVAL", "REQUESTED-BY"));
            for (PlaybookRun run : runs) {
                PlaybookRunStatus status = run.getStatus();
                String phase = status == null || status.getPhase() == null ? null : status.getPhase().name();
                out.append('\n').append(ROW.formatted(run.getMetadata().getName(), run.getSpec().getPlaybookRef(), or(run.getSpec().getIncidentRef()),
                        or(phase), or(status == null ? null : status.getProgress()),
                        "WaitingForApproval".equals(phase) ? or(status.getCurrentStep()) : "-", or(run.getSpec().getRequestedBy())));
            }
            return out.toString();
        }

        private static String or(String value) {
            return value == null || value.isEmpty() ? "-" : value;
        }
    }

    @Command(name = "cancel", description = "Stop a run (its current Job is deleted).")
    static final class Cancel extends Verb {
        @Parameters(paramLabel = "<run>")
        String run;
        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                PlaybookRun cancelled = kube.change(PlaybookRun.class, run, current -> Map.of("spec", Map.of("cancel", true)));
                output.print(cli.out(), cancelled, "playbookrun " + run + ": cancel requested");
            }
            return 0;
        }
    }
}
