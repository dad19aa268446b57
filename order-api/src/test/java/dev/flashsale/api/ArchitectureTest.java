package dev.flashsale.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The module's boundaries, checked rather than hoped for. */
@AnalyzeClasses(packages = "dev.flashsale.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDoesNotDependOnTheInventoryProcessor = noClasses()
            .that().resideInAPackage("dev.flashsale.api..")
            .should().dependOnClassesThat().resideInAPackage("dev.flashsale.inventory..");

    @ArchTest
    static final ArchRule featuresDoNotDependOnWebAdapters = noClasses()
            .that().resideInAnyPackage("dev.flashsale.api.product", "dev.flashsale.api.order",
                    "dev.flashsale.api.kafka", "dev.flashsale.api.jdbc")
            .should().dependOnClassesThat().resideInAnyPackage("..web..")
            .orShould().dependOnClassesThat().resideInAPackage("jakarta.servlet..");

    @ArchTest
    static final ArchRule webAdaptersDoNotReachPersistenceOrKafka = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..",
                    "org.springframework.data.jdbc..", "org.springframework.kafka..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule catalogDoesNotKnowOrders = noClasses()
            .that().resideInAPackage("dev.flashsale.api.product..")
            .should().dependOnClassesThat().resideInAPackage("dev.flashsale.api.order..");

    /** A feature is a package right under {@code dev.flashsale.api}, its subpackages included. */
    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature = classes()
            .that().haveSimpleNameEndingWith("Repository")
            .should(new ArchCondition<JavaClass>("be used only inside their feature") {
                @Override
                public void check(JavaClass repository, ConditionEvents events) {
                    String feature = feature(repository.getPackageName());
                    for (JavaAccess<?> access : repository.getAccessesToSelf()) {
                        JavaClass origin = access.getOriginOwner();
                        if (!feature(origin.getPackageName()).equals(feature)) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });

    private static String feature(String packageName) {
        String under = packageName.substring(Math.min(packageName.length(), "dev.flashsale.api.".length()));
        int dot = under.indexOf('.');
        return dot < 0 ? under : under.substring(0, dot);
    }
}
