package dev.klaxon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One package per concern, and no cycles between them: a concern that needs another calls it
 * through a small interface it owns (e.g. incident's AutoRunStarter, implemented by
 * playbook), so each can be changed without dragging the others along.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.klaxon");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.klaxon.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theApiModelAndTheSharedPiecesDependOnNoConcern() {
        noClasses().that().resideInAnyPackage("dev.klaxon.api..", "dev.klaxon.common..", "dev.klaxon.prometheus..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.klaxon.alerting..", "dev.klaxon.incident..",
                        "dev.klaxon.playbook..", "dev.klaxon.escalation..", "dev.klaxon.notify..")
                .check(MAIN);
    }

    @Test
    void theOperatorDoesNotDependOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.klaxon.cli..").should().dependOnClassesThat().resideInAPackage("dev.klaxon.cli..")
                .check(MAIN);
    }
}
