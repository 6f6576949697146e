package org.quire.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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

    /**
     * A singleton's default is one caller at a time (a container write lock): on a bean the request path calls, that
     * queues every request of the node behind one (Database.status() did, issue 18). Each says which it wants.
     */
    @Test
    void everySingletonDeclaresItsConcurrency() {
        classes().that().areAnnotatedWith(jakarta.ejb.Singleton.class).should().beAnnotatedWith(jakarta.ejb.ConcurrencyManagement.class).check(CORE);
    }

    @Test
    void theCoreHasNoHttp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..").check(CORE);
    }
}
