package media.archive.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static media.archive.testkit.ArchitectureRules.doesNotRunOnTheEmbeddedServers;
import static media.archive.testkit.ArchitectureRules.importsNoOtherService;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.nothingImportsTheProgram;
import static media.archive.testkit.ArchitectureRules.packagesFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What ingest may import, the way Kafka's import-control states it: the contracts and the
 * platform, never another service, never the embedded servers; its root package wires the
 * {@code upload} package, never the other way round.
 */
@AnalyzeClasses(packages = "media.archive.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class IngestArchitectureTest {

    @ArchTest
    static final ArchRule ingest_imports_no_other_service = importsNoOtherService("ingest");

    @ArchTest
    static final ArchRule ingest_does_not_run_on_the_embedded_servers = doesNotRunOnTheEmbeddedServers();

    @ArchTest
    static final ArchRule ingest_writes_no_metadata_into_originals = noClasses()
            .should().dependOnClassesThat().resideInAPackage("media.archive.metadata.writer..")
            .because("the stored original never changes: its bytes are its id; metadata is written only into"
                    + " downloads, by the api");

    @ArchTest
    static final ArchRule ingest_reads_only_the_removals = noClasses()
            .that().doNotHaveFullyQualifiedName("media.archive.ingest.upload.Removals")
            .and().doNotHaveFullyQualifiedName("media.archive.ingest.upload.Intake")
            .and().doNotHaveFullyQualifiedName("media.archive.ingest.Ingest")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients.consumer..")
            .because("ingest announces uploads (ImageUploaded); what happens to them is the processor's and the"
                    + " api's business. It reads one thing, which images were taken down, in Removals (Ingest"
                    + " only makes its consumer, Intake hands it on)");

    @ArchTest
    static final ArchRule the_upload_package_does_not_reach_up_to_the_service = noClasses()
            .that().resideInAPackage("media.archive.ingest.*..")
            .should().dependOnClassesThat().resideInAPackage("media.archive.ingest")
            .because("Ingest and IngestConfig wire the upload routes from plain values; a route that reached"
                    + " back into its wiring could not be built alone by its tests");

    @ArchTest
    static final ArchRule nothing_imports_the_ingest_program = nothingImportsTheProgram(IngestMain.class);

    @ArchTest
    static final ArchRule packages_of_ingest_are_free_of_cycles = packagesFreeOfCycles("media.archive.ingest");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("ContentSniffer", "FileNames");
}
