package media.archive.testkit;

import static media.archive.testkit.ArchitectureRules.dependsOnNothingOfOursBut;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.packagesAddedLaterFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the testkit may import: the embedded servers (or containers) it starts, and nothing of
 * the services, so every module's tests can use it without depending on another service.
 */
@AnalyzeClasses(packages = "media.archive.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {

    @ArchTest
    static final ArchRule the_testkit_imports_only_the_embedded_servers_of_ours =
            dependsOnNothingOfOursBut("media.archive.testkit", "media.archive.embedded")
            .because("the platform's and every service's tests use it; a service's class here would make"
                    + " their tests depend on that service");

    @ArchTest
    static final ArchRule packages_of_the_testkit_are_free_of_cycles =
            packagesAddedLaterFreeOfCycles("media.archive.testkit");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("RealInfrastructure", "ArchitectureRules");
}
