package dev.klaxon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * kubectl's plugin completion: kubectl (1.26 and later) runs {@code kubectl_complete-klaxon}
 * with the words typed after {@code kubectl klaxon}, the last one being the word to complete
 * (empty for a new word), and offers what it prints, one candidate per line, then Cobra's
 * directive ({@code :4}, no file names). Verbs, a verb's options, and an option's fixed values
 * ({@code -o json|yaml}) complete; names of objects do not (that would need the API server).
 */
final class Completion {

    /** The argument the launcher passes first to ask for completions instead of running a verb. */
    static final String REQUEST = "__complete";
    /** cobra.ShellCompDirectiveNoFileComp: nothing to complete is not a cue to offer file names. */
    private static final int NO_FILE_COMPLETION = 4;

    private Completion() {
    }

    static List<String> candidates(CommandSpec root, List<String> words) {
        String partial = words.isEmpty() ? "" : words.get(words.size() - 1);
        CommandSpec command = root;
        OptionSpec awaitingValue = null;
        for (String word : words.subList(0, Math.max(0, words.size() - 1))) {
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (word.startsWith("-")) {
                OptionSpec option = command.findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
                if (option != null && option.arity().min() > 0 && !word.contains("=")) {
                    awaitingValue = option;
                }
            } else if (command.subcommands().containsKey(word)) {
                command = command.subcommands().get(word).getCommandSpec();
            }
        }
        TreeSet<String> offered = new TreeSet<>();
        if (awaitingValue != null) {
            if (awaitingValue.completionCandidates() != null) {
                awaitingValue.completionCandidates().forEach(offered::add);
            }
        } else if (partial.startsWith("-")) {
            command.options().stream().filter(o -> !o.hidden()).forEach(o -> offered.addAll(List.of(o.names())));
        } else {
            command.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    offered.add(name);
                }
            });
        }
        return new ArrayList<>(offered.stream().filter(c -> c.startsWith(partial)).toList());
    }

    /** What kubectl reads: the candidates, then the directive. */
    static void print(CommandLine line, List<String> words) {
        candidates(line.getCommandSpec(), words).forEach(line.getOut()::println);
        line.getOut().println(":" + NO_FILE_COMPLETION);
        line.getOut().flush();
    }
}
