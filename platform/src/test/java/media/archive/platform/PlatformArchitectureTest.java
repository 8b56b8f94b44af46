package media.archive.platform;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static media.archive.testkit.ArchitectureRules.dependsOnNothingOfOursBut;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.packagesFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the platform may import, the way Kafka's import-control states it: the contracts and
 * itself, and inside it settings at the bottom, the S3 and Kafka clients above them, HTTP above
 * those, access keys on top of HTTP.
 */
@AnalyzeClasses(packages = "media.archive.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformArchitectureTest {


    @ArchTest
    static final ArchRule the_platform_imports_only_the_contracts_of_ours =
            dependsOnNothingOfOursBut("media.archive.platform", "media.archive.contracts")
            .because("every service builds on the platform; a platform that imported a service (or the"
                    + " embedded servers) would tie every service to it");

    @ArchTest
    static final ArchRule settings_depend_on_no_other_part_of_the_archive = noClasses()
            .that().resideInAPackage("media.archive.platform.config..")
            .should().dependOnClassesThat(resideInAPackage("media.archive..")
                    .and(resideOutsideOfPackages("media.archive.platform.config..")))
            .because("settings are read and checked before any client exists; everything else is built from them");

    @ArchTest
    static final ArchRule the_storage_and_kafka_clients_do_not_speak_http = noClasses()
            .that().resideInAnyPackage("media.archive.platform.storage..", "media.archive.platform.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "media.archive.platform.http..", "media.archive.platform.access..", "io.javalin..", "jakarta.servlet..")
            .because("S3 and Kafka clients are used by the processor too, which serves no HTTP; their failures"
                    + " become status codes in one place, HttpServers");

    @ArchTest
    static final ArchRule http_knows_nothing_of_access_keys = noClasses()
            .that().resideInAPackage("media.archive.platform.http..")
            .should().dependOnClassesThat().resideInAPackage("media.archive.platform.access..")
            .because("access keys are a layer on top of HTTP (their routes and guards use it); HttpServers maps"
                    + " exceptions for every route, guarded or not");

    @ArchTest
    static final ArchRule only_the_object_store_speaks_to_s3 = noClasses()
            .that().resideOutsideOfPackage("media.archive.platform.storage..")
            .should().dependOnClassesThat().resideInAPackage("io.minio..")
            .because("ObjectStore is the one face of S3: the MinIO client, its exceptions and its threads stay behind it");

    @ArchTest
    static final ArchRule packages_of_the_platform_are_free_of_cycles = packagesFreeOfCycles("media.archive.platform",
            "the platform reads from the bottom up (settings, clients, HTTP, access); a cycle would"
                    + " make every one of its packages a dependency of every other");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("ObjectStore", "KafkaClients");
}
