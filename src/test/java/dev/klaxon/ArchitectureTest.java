package dev.klaxon;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One package per concern, and no cycles between them: a concern that needs another calls it
 * through a small interface it owns (e.g. incident's AutoRunStarter, implemented by
 * playbook), so each can be changed without dragging the others along.
 */
class ArchitectureTest {

    private static final String[] SHARED = {"dev.klaxon.api..", "dev.klaxon.common..", "dev.klaxon.prometheus.."};
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.klaxon");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.klaxon.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theApiModelAndTheSharedPiecesDependOnNoConcern() {
        noClasses().that().resideInAnyPackage(SHARED).should()
                .dependOnClassesThat(resideInAPackage("dev.klaxon..").and(resideOutsideOfPackages(SHARED))).check(MAIN);
    }

    /** The status site runs as a read-only workload of its own: it knows the model and the shared pieces, no concern. */
    @Test
    void theStatusSiteDependsOnTheModelAndTheSharedPiecesOnly() {
        noClasses().that().resideInAPackage("dev.klaxon.statuspage.site..").should()
                .dependOnClassesThat(resideInAPackage("dev.klaxon..").and(resideOutsideOfPackages("dev.klaxon.statuspage.site..",
                        "dev.klaxon.api..", "dev.klaxon.common..")))
                .check(MAIN);
    }

    /** The responder site runs as a workload of its own, with its own narrow rights: the model and the shared pieces only. */
    @Test
    void theResponderSiteDependsOnTheModelAndTheSharedPiecesOnly() {
        noClasses().that().resideInAPackage("dev.klaxon.respond..").should()
                .dependOnClassesThat(resideInAPackage("dev.klaxon..").and(resideOutsideOfPackages("dev.klaxon.respond..",
                        "dev.klaxon.api..", "dev.klaxon.common..")))
                .check(MAIN);
    }

    @Test
    void theOperatorDoesNotDependOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.klaxon.cli..").should().dependOnClassesThat().resideInAPackage("dev.klaxon.cli..")
                .check(MAIN);
    }

    /** A newcomer reads what a package is for, and what it is not, before its classes. */
    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> withoutInfo = files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).toList();
            assertThat(withoutInfo).as("packages without package-info.java").isEmpty();
        }
    }
}
