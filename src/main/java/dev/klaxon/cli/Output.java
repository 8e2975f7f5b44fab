package dev.klaxon.cli;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o json|yaml}: print the object a command made or read instead of the sentence about it. */
final class Output {

    enum Format { json, yaml }

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml", description = "Print the object as json or yaml.")
    Format format;

    /** Prints {@code object} in the chosen format, or {@code sentence} when none was chosen. */
    void print(PrintWriter out, Object object, String sentence) {
        if (format == null) {
            out.println(sentence);
        } else {
            out.print(format == Format.json ? json(object) + "\n" : Serialization.asYaml(object));
        }
        out.flush();
    }

    /** Indented, as kubectl prints it. */
    private static String json(Object object) {
        try {
            return Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
