package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MwgReconcilerTest {
    private final Warnings warnings = new Warnings();

    @Test
    void a_non_blank_exif_value_wins_for_fields_exif_holds() {
        Candidates c = new Candidates(new Warnings());
        c.list(Field.CREATOR, Origin.EXIF, List.of("Exif Name"), "Artist");
        c.list(Field.CREATOR, Origin.IPTC, List.of("Iptc Name"), "By-line");
        c.list(Field.CREATOR, Origin.XMP, List.of("Xmp Name"), "dc:creator");

        assertThat(new MwgReconciler(IptcSync.CHANGED).choose(Field.CREATOR, c, warnings))
                .hasValueSatisfying(chosen -> assertThat(chosen.tag()).isEqualTo("EXIF:Artist"));
    }

    @Test
    void a_blank_exif_value_is_no_candidate() {
        Candidates c = new Candidates(new Warnings());
        c.text(Field.COPYRIGHT, Origin.EXIF, "   ", "Copyright");
        c.text(Field.COPYRIGHT, Origin.IPTC, "IIM notice", "CopyrightNotice");

        assertThat(new MwgReconciler(IptcSync.UNCHECKED).choose(Field.COPYRIGHT, c, warnings))
                .hasValueSatisfying(chosen -> assertThat(chosen.value()).isEqualTo("IIM notice"));
    }

    @Test
    void xmp_wins_over_iim_unless_the_digest_shows_the_iim_was_edited_later() {
        Candidates c = new Candidates(new Warnings());
        c.text(Field.CITY, Origin.IPTC, "Leeds", "City");
        c.text(Field.CITY, Origin.XMP, "York", "photoshop:City");

        assertThat(new MwgReconciler(IptcSync.SYNCED).choose(Field.CITY, c, warnings).orElseThrow().value()).isEqualTo("York");
        assertThat(new MwgReconciler(IptcSync.UNCHECKED).choose(Field.CITY, c, warnings).orElseThrow().value()).isEqualTo("York");
        assertThat(new MwgReconciler(IptcSync.CHANGED).choose(Field.CITY, c, warnings).orElseThrow().value()).isEqualTo("Leeds");
    }

    @Test
    void iim_fills_in_where_xmp_has_no_value() {
        Candidates c = new Candidates(new Warnings());
        c.text(Field.HEADLINE, Origin.IPTC, "Storm hits coast", "Headline");

        assertThat(new MwgReconciler(IptcSync.SYNCED).choose(Field.HEADLINE, c, warnings).orElseThrow().tag())
                .isEqualTo("IPTC:Headline");
    }

    @Test
    void an_iim_value_cut_at_its_length_limit_gives_way_to_the_full_xmp_value() {
        String full = "Christopher Furlong-Montgomery, Getty Images";
        String cut = full.substring(0, 32);
        Candidates c = new Candidates(new Warnings());
        c.text(Field.CREDIT, Origin.IPTC, cut, "Credit");
        c.text(Field.CREDIT, Origin.XMP, full, "photoshop:Credit");

        assertThat(new MwgReconciler(IptcSync.CHANGED).choose(Field.CREDIT, c, warnings).orElseThrow().value()).isEqualTo(full);
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void reports_sources_that_disagree_with_the_chosen_value() {
        Candidates c = new Candidates(new Warnings());
        c.text(Field.DESCRIPTION, Origin.EXIF, "Old caption", "ImageDescription");
        c.text(Field.DESCRIPTION, Origin.IPTC, "New caption", "Caption-Abstract");
        c.text(Field.DESCRIPTION, Origin.XMP, "Old  caption", "dc:description");

        new MwgReconciler(IptcSync.UNCHECKED).choose(Field.DESCRIPTION, c, warnings);

        assertThat(warnings.toList()).containsExactly(
                "description: EXIF:ImageDescription chosen over IPTC:Caption-Abstract, which differs");
    }

    @Test
    void dates_that_name_the_same_second_or_day_do_not_disagree() {
        Candidates c = new Candidates(new Warnings());
        c.text(Field.DATE_TAKEN, Origin.EXIF, "2015-04-15T01:08:44.88", "DateTimeOriginal");
        c.text(Field.DATE_TAKEN, Origin.IPTC, "2015-04-15", "DateCreated");
        c.text(Field.DATE_TAKEN, Origin.XMP, "2015-04-15T01:08:44.088", "photoshop:DateCreated");

        new MwgReconciler(IptcSync.UNCHECKED).choose(Field.DATE_TAKEN, c, warnings);

        assertThat(warnings.toList()).isEmpty();
    }
}
