package dev.klaxon.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kubectl klaxon}: work an incident from the command line, as your kubectl identity.
 * Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 a usage error.
 */
@Command(name = "kubectl-klaxon", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = KlaxonCli.Version.class,
        description = "Work Klaxon incidents and playbook runs as your kubectl identity.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused or failed (the reason on stderr)", "2:usage error"},
        subcommands = {IncidentVerbs.Ack.class, IncidentVerbs.Status.class, IncidentVerbs.Assign.class, IncidentVerbs.Note.class,
                IncidentVerbs.Resolve.class, IncidentVerbs.Close.class, ReportVerb.class, RunVerbs.Run.class, RunVerbs.Approve.class,
                RunVerbs.Runs.class, RunVerbs.Cancel.class, OnCallVerb.class, ImportVerb.class, StatusPageVerbs.Publish.class,
                StatusPageVerbs.Page.class, ReviewVerbs.Review.class, ReviewVerbs.Actions.class, MaintainVerb.class, RestoreVerb.class,
                CommandLine.HelpCommand.class})
public final class KlaxonCli implements Runnable {

    @Mixin
    GlobalOptions global;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(Completion.REQUEST)) {
            Completion.print(commandLine(), List.of(args).subList(1, args.length));
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with its exit codes: a {@link CliException} or an unexpected failure is 1, a usage error 2. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new KlaxonCli());
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof CliException ? e.getMessage()
                    : e instanceof KubernetesClientException k ? Kube.kubectlMessage(k) : e.toString();
            safe(commandLine.getErr()).println("kubectl klaxon: " + message);
            return 1;
        });
        line.setParameterExceptionHandler(KlaxonCli::usageError);
        return line;
    }

    /** As kubectl reports a usage error: what is wrong, what was perhaps meant, and where the help is (exit 2). */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = safe(command.getErr());
        String verb = command.getCommandSpec().qualifiedName(" ").replaceFirst("^kubectl-klaxon", "kubectl klaxon");
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && command.getCommandSpec().parent() == null && !unmatched.getUnmatched().isEmpty()) {
            err.println("kubectl klaxon: unknown verb \"" + unmatched.getUnmatched().get(0) + "\"");
        } else {
            err.println("kubectl klaxon: " + e.getMessage());
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            String prefix = unmatched.isUnknownOption() ? "" : verb + " ";
            err.println("Did you mean " + String.join(" or ", unmatched.getSuggestions().stream().map(s -> "'" + prefix + s + "'").toList()) + "?");
        }
        err.println("See '" + verb + " --help'.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a verb is missing");
    }

    Kube kube() {
        return new Kube(global);
    }

    PrintWriter out() {
        return safe(spec.commandLine().getOut());
    }

    PrintWriter err() {
        return safe(spec.commandLine().getErr());
    }

    /** Prints what tenants wrote without letting it drive the terminal (see {@link TerminalSafeWriter}). */
    private static PrintWriter safe(PrintWriter terminal) {
        return new PrintWriter(new TerminalSafeWriter(terminal), true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KlaxonCli.class.getPackage().getImplementationVersion();
            return new String[] {"kubectl-klaxon " + (version != null ? version : "(development build)")};
        }
    }
}
