package dev.flashsale.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** Other teams consume this module: it must not drag Spring, or anything but Kafka clients and Jackson, along. */
class ContractBoundaryTest {

    private final JavaClasses contract = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flashsale.events");

    @Test
    void dependsOnNoSpringClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(contract);
    }

    @Test
    void makesEveryEventARecord() {
        classes().that().implement(OrderResult.class).or().implement(OrderRequestEvent.class)
                .or().implement(StockAdjustment.class).or().implement(OrderCommandEvent.class)
                .should().beAssignableTo(Record.class)
                .check(contract);
    }
}
