package org.quire.web.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The web layer's side of the structure (docs/ARCHITECTURE.md, "Packages"): it translates HTTP into calls of the
 * core's services and their answers into HTTP. It changes no entity itself and holds no database access — the rules
 * that would need either live in the core. The core's own rules are {@code org.quire.architecture.ArchitectureTest}.
 */
class LayersTest {

    static final JavaClasses WEB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/quire-ejb") && !location.contains("/ejb/target/"))
            .importPackages("org.quire.web");

    /**
     * An entity's state changes only through the core. A read is a method without parameters that returns something
     * (a getter, {@code memberCount()}, {@code itemName()}); anything else on an entity, or a new entity, is a change.
     */
    static final DescribedPredicate<JavaMethodCall> CHANGES_AN_ENTITY = DescribedPredicate.describe("a method of a JPA entity that is not a read",
            call -> call.getTargetOwner().isAnnotatedWith(Entity.class) && !call.getName().equals("equals")
                    && (!call.getTarget().getRawParameterTypes().isEmpty() || call.getTarget().getRawReturnType().getName().equals("void")));

    static final DescribedPredicate<JavaConstructorCall> CREATES_AN_ENTITY = DescribedPredicate.describe("a constructor of a JPA entity",
            call -> call.getTargetOwner().isAnnotatedWith(Entity.class));

    @Test
    void theWebLayerChangesNoEntity() {
        noClasses().that().resideInAPackage("org.quire.web..")
                .should().callMethodWhere(CHANGES_AN_ENTITY).orShould().callConstructorWhere(CREATES_AN_ENTITY)
                .check(WEB);
    }

    @Test
    void theWebLayerHasNoDatabaseAccess() {
        noClasses().that().resideInAPackage("org.quire.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(WEB);
    }

    /** One JWT codec: only {@code JwtCodec} builds or parses tokens (the others read its {@code Claims}). */
    @Test
    void oneJwtCodec() {
        noClasses().that().haveNameNotMatching("org\\.quire\\.web\\.security\\.JwtCodec(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.jsonwebtoken.Jwts")
                .orShould().dependOnClassesThat().resideInAPackage("io.jsonwebtoken.security..")
                .check(WEB);
    }
}
