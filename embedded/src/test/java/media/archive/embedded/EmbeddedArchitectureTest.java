package media.archive.embedded;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the embedded servers may import: a Kafka broker and an S3 server, and nothing of the
 * archive, so they stand in for the real infrastructure without knowing who talks to them.
 */
@AnalyzeClasses(packages = "media.archive.embedded", importOptions = ImportOption.DoNotIncludeTests.class)
class EmbeddedArchitectureTest {

    @ArchTest
    static final ArchRule the_embedded_servers_depend_on_nothing_of_ours = noClasses()
            .should().dependOnClassesThat(resideInAPackage("media.archive..")
                    .and(resideOutsideOfPackage("media.archive.embedded..")))
            .because("they replace Kafka and MinIO containers one for one; a service's class here would make"
                    + " the infrastructure depend on what runs on it");

    @ArchTest
    static final ArchRule packages_of_the_embedded_servers_are_free_of_cycles = slices()
            .matching("media.archive.embedded.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(true)
            .because("a package added here later must still read from the bottom up");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noClasses()
            .should().haveSimpleNameContaining("Util")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().resideInAnyPackage("..util..", "..common..")
            .because("a helper is named after its domain (EmbeddedKafka, EmbeddedS3), never a util or common"
                    + " grab-bag that every change ends up in");
}
