package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.SuppliedMetadata;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

/** Embargoes read from the special instructions, by the builder alone and from real files. */
class MetadataBuilderEmbargoTest {
    private static final Instant RELEASE = Instant.parse("2026-12-04T06:00:00Z");

    private static ImageMetadata built(String instructions, String tag, SuppliedMetadata supplied) {
        return new MetadataBuilder()
                .set(Field.INSTRUCTIONS, new Candidate<>(instructions, tag))
                .build(NewsroomCleaning.defaults(), supplied, List.of());
    }

    @Test
    void an_agency_embargo_in_the_iptc_instructions_sets_embargo_until_with_their_provenance() {
        ImageMetadata m = built("EMBARGOED UNTIL 0600 GMT 4 DEC 2026", "IPTC:SpecialInstructions", SuppliedMetadata.NONE);

        assertThat(m.embargoUntil()).isEqualTo(RELEASE);
        assertThat(m.withheld()).isNull();
        assertThat(m.provenance()).containsEntry("embargoUntil", "IPTC:SpecialInstructions");
    }

    @Test
    void an_iso_embargo_in_the_xmp_instructions_sets_embargo_until_with_their_provenance() {
        ImageMetadata m = built("Embargo: 2026-12-04T06:00:00Z", "XMP:photoshop:Instructions", SuppliedMetadata.NONE);

        assertThat(m.embargoUntil()).isEqualTo(RELEASE);
        assertThat(m.provenance()).containsEntry("embargoUntil", "XMP:photoshop:Instructions");
    }

    @Test
    void an_embargo_whose_time_cannot_be_read_holds_the_picture_as_withheld() {
        ImageMetadata m = built("EMBARGOED UNTIL 04/12/2026", "IPTC:SpecialInstructions", SuppliedMetadata.NONE);

        assertThat(m.embargoUntil()).isNull();
        assertThat(m.withheld()).isEqualTo("embargo in the instructions could not be read");
        assertThat(m.provenance()).containsEntry("withheld", "IPTC:SpecialInstructions");
        assertThat(m.warnings()).anyMatch(w -> w.contains("embargo"));
    }

    @Test
    void instructions_without_an_embargo_neither_embargo_nor_withhold() {
        ImageMetadata m = built("Mandatory credit; no archive sales", "IPTC:SpecialInstructions", SuppliedMetadata.NONE);

        assertThat(m.embargoUntil()).isNull();
        assertThat(m.withheld()).isNull();
    }

    @Test
    void the_uploads_own_embargo_wins_over_the_files() {
        Instant later = RELEASE.plusSeconds(3600);
        SuppliedMetadata supplied = new SuppliedMetadata(null, null, null, List.of(), later);

        ImageMetadata read = built("EMBARGOED UNTIL 0600 GMT 4 DEC 2026", "IPTC:SpecialInstructions", supplied);
        ImageMetadata unreadable = built("EMBARGOED UNTIL 04/12/2026", "IPTC:SpecialInstructions", supplied);

        assertThat(read.embargoUntil()).isEqualTo(later);
        assertThat(read.provenance()).containsEntry("embargoUntil", "upload:embargoUntil");
        assertThat(unreadable.embargoUntil()).isEqualTo(later);
        assertThat(unreadable.withheld()).as("the desk decided at upload").isNull();
    }

    @Test
    void a_file_whose_iptc_instructions_name_an_agency_embargo_is_embargoed_until_then() {
        ImageMetadata m = new MetadataReader().read(TestImages.path("embargo_iptc_agency.jpg"));

        assertThat(m.embargoUntil()).isEqualTo(RELEASE);
        assertThat(m.provenance()).containsEntry("embargoUntil", "IPTC:SpecialInstructions");
    }

    @Test
    void a_file_whose_xmp_instructions_name_an_iso_embargo_is_embargoed_until_then() {
        ImageMetadata m = new MetadataReader().read(TestImages.path("embargo_xmp_iso.jpg"));

        assertThat(m.embargoUntil()).isEqualTo(RELEASE);
        assertThat(m.provenance()).containsEntry("embargoUntil", "XMP:photoshop:Instructions");
    }

    @Test
    void a_file_whose_embargo_cannot_be_read_is_held_as_withheld() {
        ImageMetadata m = new MetadataReader().read(TestImages.path("embargo_unreadable.jpg"));

        assertThat(m.embargoUntil()).isNull();
        assertThat(m.withheld()).isEqualTo("embargo in the instructions could not be read");
        assertThat(m.provenance()).containsEntry("withheld", "IPTC:SpecialInstructions");
    }
}
