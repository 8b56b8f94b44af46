package media.archive.standalone;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.packagesAddedLaterFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the launcher may import: each service's face (its root package: the service, its config),
 * the platform, the contracts and the embedded servers; for {@code inspect}, the processor's
 * {@code MetadataReader}. It wires the same plain objects each service's own {@code main} wires,
 * into one process and one HTTP origin.
 */
@AnalyzeClasses(packages = "media.archive.standalone", importOptions = ImportOption.DoNotIncludeTests.class)
class StandaloneArchitectureTest {

    @ArchTest
    static final ArchRule the_launcher_uses_each_service_only_through_its_face = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage(
                            "media.archive.api.*..", "media.archive.ingest.*..", "media.archive.processor.*..")
                    .and(name("media.archive.processor.metadata.MetadataReader").negate()))
            .because("a service's inner packages change with it; the launcher builds Api, Ingest and Processor"
                    + " from their configs, as their own programs and the tests do");

    @ArchTest
    static final ArchRule the_launcher_does_not_run_the_services_programs = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("media.archive.api.ApiMain")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("media.archive.ingest.IngestMain")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("media.archive.processor.ProcessorMain")
            .because("each *Main wires its service for production on its own; one process needs one wiring,"
                    + " with one HTTP origin and the embedded servers");

    @ArchTest
    static final ArchRule the_launcher_does_not_depend_on_the_testkit = noClasses()
            .should().dependOnClassesThat().resideInAPackage("media.archive.testkit..")
            .because("the testkit is for tests; the launcher starts the embedded servers itself");

    @ArchTest
    static final ArchRule packages_of_the_launcher_are_free_of_cycles =
            packagesAddedLaterFreeOfCycles("media.archive.standalone");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("HealthRoutes", "InspectCommand");
}
