package dev.flashsale.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The topology runs without Spring, so other modules and tests can start it alone. */
class ArchitectureTest {

    private static final String TOPOLOGY = "dev.flashsale.inventory.topology..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flashsale.inventory");

    @Test
    void topologyDependsOnNoSpringClass() {
        noClasses().that().resideInAPackage(TOPOLOGY)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void topologyDependsOnNoDatabaseOrWebCode() {
        noClasses().that().resideInAPackage(TOPOLOGY)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..",
                        "jakarta.servlet..", "javax.servlet..", "jakarta.ws.rs..", "java.net.http..",
                        "com.sun.net.httpserver..")
                .check(classes);
    }

    @Test
    void topologyDoesNotReachBackIntoTheApplication() {
        noClasses().that().resideInAPackage(TOPOLOGY)
                .should().dependOnClassesThat().resideInAPackage("dev.flashsale.inventory")
                .check(classes);
    }
}
