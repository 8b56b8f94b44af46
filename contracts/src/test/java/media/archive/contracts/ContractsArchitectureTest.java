package media.archive.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static media.archive.testkit.ArchitectureRules.dependsOnNothingOfOursBut;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.packagesAddedLaterFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the contracts may import: the JDK and Jackson, nothing else, and nothing of the archive
 * outside themselves. Every service reads the same events through this module, so anything it
 * pulled in would be pulled into all of them.
 */
@AnalyzeClasses(packages = "media.archive.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTest {

    @ArchTest
    static final ArchRule contracts_depend_on_nothing_of_ours = dependsOnNothingOfOursBut("media.archive.contracts")
            .because("the contracts are what every service agrees on; importing a service or the platform"
                    + " would make every reader of an event depend on that module too");

    @ArchTest
    static final ArchRule contracts_use_only_the_jdk_and_jackson = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "media.archive.contracts..", "java..", "com.fasterxml.jackson..")
            .because("events are plain records with a JSON codec; a library here would be on every"
                    + " service's classpath and in every event's shape");

    @ArchTest
    static final ArchRule packages_of_the_contracts_are_free_of_cycles =
            packagesAddedLaterFreeOfCycles("media.archive.contracts");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("ImageIds", "ObjectKeys");
}
