package media.archive.processor;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static media.archive.testkit.ArchitectureRules.doesNotRunOnTheEmbeddedServers;
import static media.archive.testkit.ArchitectureRules.importsNoOtherService;
import static media.archive.testkit.ArchitectureRules.metadataWriterUsedOnlyThroughItsFace;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.nothingImportsTheProgram;
import static media.archive.testkit.ArchitectureRules.packagesFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.metadata.NewsroomCleaning;
import media.archive.processor.pipeline.ImageProcessing;
import media.archive.processor.pipeline.StageTimes;
import media.archive.processor.rendition.Credit;
import media.archive.processor.rendition.RenditionException;
import media.archive.processor.rendition.RenditionImage;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionProgress;
import media.archive.processor.rendition.RenditionSet;
import media.archive.processor.rendition.RenditionSpec;

/**
 * What the processor may import, the way Kafka's import-control states it. Outside: the
 * contracts and the platform, never another service or the embedded servers, and of the metadata
 * writer only its face. Inside: {@code metadata} and {@code rendition} work on bytes and know
 * nothing of each other, S3 or Kafka; {@code pipeline} puts them together for one image and
 * stores the results; the root package's consumer loop owns the topics. Each package is used
 * only through the face its {@code package-info} names.
 */
@AnalyzeClasses(packages = "media.archive.processor", importOptions = ImportOption.DoNotIncludeTests.class)
class ProcessorArchitectureTest {

    private static final String METADATA = "media.archive.processor.metadata..";
    private static final String RENDITION = "media.archive.processor.rendition..";
    private static final String PIPELINE = "media.archive.processor.pipeline..";

    @ArchTest
    static final ArchRule the_processor_imports_no_other_service = importsNoOtherService("processor");

    @ArchTest
    static final ArchRule the_processor_does_not_run_on_the_embedded_servers = doesNotRunOnTheEmbeddedServers();

    @ArchTest
    static final ArchRule the_metadata_writer_is_used_only_through_its_face = metadataWriterUsedOnlyThroughItsFace();

    @ArchTest
    static final ArchRule the_work_on_one_image_does_not_reach_up_to_the_service = noClasses()
            .that().resideInAnyPackage(METADATA, RENDITION, PIPELINE)
            .should().dependOnClassesThat().resideInAPackage("media.archive.processor")
            .because("Processor and ProcessorConfig wire the pipeline from plain values; `inspect` and `render`"
                    + " and the tests build its parts the same way, without a consumer loop");

    @ArchTest
    static final ArchRule reading_metadata_knows_nothing_of_making_renditions = noClasses()
            .that().resideInAPackage(METADATA)
            .should().dependOnClassesThat().resideInAnyPackage(RENDITION, PIPELINE)
            .because("reading metadata never needs the pixels: `inspect` and the MWG tests run it on a file"
                    + " alone, and a broken picture still yields its record");

    @ArchTest
    static final ArchRule making_renditions_knows_nothing_of_reading_metadata = noClasses()
            .that().resideInAPackage(RENDITION)
            .should().dependOnClassesThat().resideInAnyPackage(METADATA, PIPELINE)
            .because("the pipeline passes what renditions need from the record (the credit, the orientation);"
                    + " each stays testable on a file alone");

    @ArchTest
    static final ArchRule reading_metadata_and_making_renditions_touch_neither_s3_nor_kafka = noClasses()
            .that().resideInAnyPackage(METADATA, RENDITION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "media.archive.platform..", "org.apache.kafka..", "io.minio..")
            .because("they are functions of the bytes in hand, so `inspect` and `render` run them on a local"
                    + " file and the tests on fixtures");

    @ArchTest
    static final ArchRule the_pipeline_publishes_nothing = noClasses()
            .that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "media.archive.platform.kafka..")
            .because("the pipeline answers with the event to publish; the consumer loop owns the topics and"
                    + " classifies errors once (Failure)");

    @ArchTest
    static final ArchRule only_the_metadata_package_reads_embedded_metadata = noClasses()
            .that().resideOutsideOfPackage(METADATA)
            .should().dependOnClassesThat().resideInAnyPackage("com.drew..", "com.adobe.internal.xmp..")
            .because("MetadataReader is the one reader of EXIF, IPTC and XMP: it turns parser failures into"
                    + " warnings and reconciles the sources the MWG way, once");

    @ArchTest
    static final ArchRule only_the_rendition_package_decodes_and_encodes_pictures = noClasses()
            .that().resideOutsideOfPackage(RENDITION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javax.imageio..", "net.coobird.thumbnailator..", "com.twelvemonkeys..")
            .because("an original is decoded once, with subsampling and colour conversion decided in one place");

    @ArchTest
    static final ArchRule metadata_is_used_only_through_its_face = noClasses()
            .that().resideOutsideOfPackage(METADATA)
            .should().dependOnClassesThat(resideInAPackage(METADATA)
                    .and(belongToAnyOf(MetadataReader.class, NewsroomCleaning.class).negate()))
            .because("MetadataReader and NewsroomCleaning are the face its package-info names; the readers per"
                    + " source and the MWG reconciler change with the formats");

    @ArchTest
    static final ArchRule renditions_are_used_only_through_their_face = noClasses()
            .that().resideOutsideOfPackage(RENDITION)
            .should().dependOnClassesThat(resideInAPackage(RENDITION)
                    .and(belongToAnyOf(RenditionMaker.class, RenditionSpec.class, Credit.class, RenditionSet.class,
                            RenditionImage.class, RenditionException.class, RenditionProgress.class).negate()))
            .because("the decoders, resizers and encoders behind RenditionMaker change with the formats and"
                    + " the measurements");

    @ArchTest
    static final ArchRule the_pipeline_is_used_only_through_its_face = noClasses()
            .that().resideOutsideOfPackage(PIPELINE)
            .should().dependOnClassesThat(resideInAPackage(PIPELINE)
                    .and(belongToAnyOf(ImageProcessing.class, StageTimes.class).negate()))
            .because("ImageProcessing is the work on one image, the one thing the consumer loop and `render` call;"
                    + " StageTimes tells where its time went");

    @ArchTest
    static final ArchRule nothing_imports_the_processor_program = nothingImportsTheProgram(ProcessorMain.class);

    @ArchTest
    static final ArchRule packages_of_the_processor_are_free_of_cycles =
            packagesFreeOfCycles("media.archive.processor");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("BufferedImages", "CreditCleaner");
}
