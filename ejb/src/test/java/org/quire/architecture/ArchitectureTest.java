package org.quire.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The core's structure (docs/ARCHITECTURE.md, "Packages"): its packages form an acyclic graph and it has no HTTP. */
class ArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.quire");

    @Test
    void thePackagesOfTheCoreFormAnAcyclicGraph() {
        slices().matching("org.quire.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theCoreHasNoHttp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..").check(CORE);
    }
}
