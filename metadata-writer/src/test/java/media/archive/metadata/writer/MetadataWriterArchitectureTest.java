package media.archive.metadata.writer;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static media.archive.testkit.ArchitectureRules.dependsOnNothingOfOursBut;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.packagesAddedLaterFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the metadata writer may import: the JDK, XMPCore and Commons Imaging, nothing of the
 * archive; and what it shows: {@link MetadataWriter} and {@link WrittenMetadata}, the codecs
 * beside them staying package-private.
 */
@AnalyzeClasses(packages = "media.archive.metadata.writer", importOptions = ImportOption.DoNotIncludeTests.class)
class MetadataWriterArchitectureTest {

    @ArchTest
    static final ArchRule the_writer_depends_on_nothing_of_ours =
            dependsOnNothingOfOursBut("media.archive.metadata.writer")
            .because("the api and the processor both use it; it takes plain values (WrittenMetadata), so it"
                    + " follows neither the record's field list nor either service");

    @ArchTest
    static final ArchRule the_writer_uses_only_the_jdk_xmpcore_and_commons_imaging = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "media.archive.metadata.writer..", "java..", "com.adobe.internal.xmp..", "org.apache.commons.imaging..")
            .because("writing is done by maintained libraries, and reading stays in the processor: a metadata"
                    + " reader here would be a second one");

    @ArchTest
    static final ArchRule the_face_is_the_writer_and_its_value = classes()
            .that().arePublic()
            .should(be(belongToAnyOf(MetadataWriter.class, WrittenMetadata.class)))
            .because("the api and the processor may use only these two; the JPEG, PNG, IIM and XMP codecs"
                    + " change with the formats and stay package-private");

    @ArchTest
    static final ArchRule packages_of_the_writer_are_free_of_cycles =
            packagesAddedLaterFreeOfCycles("media.archive.metadata.writer");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("IimBlock", "XmpPacket");
}
