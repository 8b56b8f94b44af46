package media.archive.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    static final ArchRule the_testkit_imports_only_the_embedded_servers_of_ours = noClasses()
            .should().dependOnClassesThat(resideInAPackage("media.archive..")
                    .and(resideOutsideOfPackages("media.archive.testkit..", "media.archive.embedded..")))
            .because("the platform's and every service's tests use it; a service's class here would make"
                    + " their tests depend on that service");

    @ArchTest
    static final ArchRule packages_of_the_testkit_are_free_of_cycles = slices()
            .matching("media.archive.testkit.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(true)
            .because("a package added here later must still read from the bottom up");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noClasses()
            .should().haveSimpleNameContaining("Util")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().resideInAnyPackage("..util..", "..common..")
            .because("a helper is named after its domain (RealInfrastructure), never a util or common"
                    + " grab-bag that every change ends up in");
}
