package dev.klaxon.api;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The manifests under examples/, read as model objects. */
public final class ManifestFixtures {

    public static final Path EXAMPLES = Path.of(System.getProperty("user.dir"), "examples");

    private ManifestFixtures() {
    }

    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T example(String file, Class<T> type) {
        try {
            return Serialization.unmarshal(Files.readString(EXAMPLES.resolve(file)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
