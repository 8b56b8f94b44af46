package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.SuppliedMetadata;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

class MetadataReaderTest {
    private final MetadataReader reader = new MetadataReader();

    private ImageMetadata read(String image) {
        return reader.read(TestImages.path(image));
    }

    @Test
    void reads_credit_caption_and_byline_of_an_agency_photo() {
        ImageMetadata m = read("exr_iptc-agency-photographer-example.jpg");

        assertThat(m.creator()).containsExactly("Julie Doe");
        assertThat(m.credit()).isEqualTo("Mugwum Press");
        assertThat(m.source()).isEqualTo("Julie Doe / Mugwum Press");
        assertThat(m.headline()).isEqualTo("Lincoln Memorial");
        assertThat(m.title()).isEqualTo("drp2091169d");
        assertThat(m.copyright()).isEqualTo("©2009 Julie Doe / Mugwum Press, all rights reserved");
        assertThat(m.description()).startsWith("This statue of the 16th President of the United States");
        assertThat(m.keywords()).contains("Lincoln Memorial", "Washington DC").doesNotHaveDuplicates();
        assertThat(m.city()).isEqualTo("Washington");
        assertThat(m.state()).isEqualTo("District of Columbia");
        assertThat(m.location()).isEqualTo("Lincoln Memorial");
        assertThat(m.dateTaken()).isEqualTo("2009-06-24T09:41:07.72");
        assertThat(m.gpsLatitude()).isCloseTo(38.890237296475, within(1e-6));
        assertThat(m.gpsLongitude()).isCloseTo(-77.0492964844389, within(1e-6));
        assertThat(m.width()).isEqualTo(527);
        assertThat(m.height()).isEqualTo(350);
    }

    @Test
    void names_the_source_tag_of_every_value() {
        ImageMetadata m = read("exr_iptc-agency-photographer-example.jpg");

        assertThat(m.provenance())
                .containsEntry("creator", "EXIF:Artist")
                .containsEntry("credit", "XMP:photoshop:Credit")
                .containsEntry("title", "XMP:dc:title")
                .containsEntry("width", "JPEG:ImageWidth")
                .containsEntry("iccProfile", "ICC:ProfileDescription")
                .containsEntry("dateTaken", "EXIF:DateTimeOriginal");
    }

    @Test
    void a_non_empty_exif_artist_wins_over_iptc_byline_and_xmp_creator() {
        ImageMetadata m = read("grid_guardian-turner.jpg");

        assertThat(m.creator()).containsExactly("Graham Turner");
        assertThat(m.provenance()).containsEntry("creator", "EXIF:Artist");
    }

    @Test
    void exif_description_wins_per_mwg_and_the_disagreeing_caption_is_reported() {
        ImageMetadata m = read("grid_pa.jpg");

        assertThat(m.description()).startsWith("England's Moeen Ali plays defensively");
        assertThat(m.provenance()).containsEntry("description", "EXIF:ImageDescription");
        assertThat(m.warnings()).contains("description: EXIF:ImageDescription chosen over IPTC:Caption-Abstract, which differs");
    }

    @Test
    void xmp_wins_over_iptc_when_the_file_has_no_iptc_digest() {
        ImageMetadata m = read("grid_pa.jpg");

        // XMP dc:title "22150683 " against IPTC ObjectName "CRICKET England Moeen 111162".
        assertThat(m.title()).isEqualTo("22150683");
        assertThat(m.provenance()).containsEntry("title", "XMP:dc:title");
    }

    @Test
    void reads_utf8_iptc_text_with_turkish_letters_and_keywords_in_many_scripts() {
        ImageMetadata m = read("ci_111083453-c07f1880-851e-11eb-8b61-2757f7d934bf.jpg");

        assertThat(m.creator()).containsExactly("Yavuz Kavuş");
        assertThat(m.description()).isEqualTo("Unicode Characters Test: İ ı Ş ş Ç ç Ê ê Î î Ğ ğ Ö ö Ü ü");
        assertThat(m.keywords()).contains("Teşekkürler", "谢谢", "با تشکر", "ありがとう", "תודה", "Dzięki");
        assertThat(m.warnings()).noneMatch(w -> w.contains("Windows-1252"));
    }

    @Test
    void reads_undeclared_legacy_iptc_as_windows_1252() {
        ImageMetadata m = read("mei_Nikon_E995_(iptc).jpg");

        assertThat(m.description()).contains("Dateigröße").doesNotContain("\uFFFD");
        assertThat(m.provenance()).containsEntry("description", "IPTC:Caption-Abstract");
    }

    @Test
    void takes_the_last_of_repeated_iptc_datasets_and_drops_their_nul_padding() {
        ImageMetadata m = read("mei_Issue_122.jpg");

        assertThat(m.credit()).isEqualTo("Getty Images");
        assertThat(m.source()).isEqualTo("Getty Images North America");
        assertThat(m.title()).isEqualTo("9401004P  S KOREA V USA X");
        assertThat(m.headline()).isEqualTo("South Korea v USA X");
        assertThat(m.city()).isEqualTo("Pasadena");
        // The bare IIM segment beside Photoshop's resources names "Getty Images" as By-line; it is ignored.
        assertThat(m.creator()).containsExactly("Stephen Dunn");
    }

    @Test
    void reads_every_location_field_of_the_iptc_reference_image() {
        ImageMetadata m = read("frp_IPTC-PhotometadataRef-Std2021.1.jpg");

        assertThat(m.headline()).isEqualTo("The Headline (ref2021.1)");
        assertThat(m.title()).isEqualTo("The Title (ref2021.1)");
        assertThat(m.description()).isEqualTo("The description aka caption (ref2021.1)");
        assertThat(m.city()).isEqualTo("City (Core) (ref2021.1)");
        assertThat(m.state()).isEqualTo("Province/State(Core)(ref2021.1)");
        assertThat(m.country()).isEqualTo("Country (Core) (ref2021.1)");
        assertThat(m.location()).isEqualTo("Sublocation (Core) (ref2021.1)");
        assertThat(m.keywords()).containsExactly("Keyword1ref2021.1", "Keyword2ref2021.1", "Keyword3ref2021.1");
        assertThat(m.dateTaken()).isEqualTo("2021-10-20T21:01:01+00:00");
    }

    @Test
    void swaps_width_and_height_for_orientation_6() {
        ImageMetadata m = read("mei_Samsung_GT-I9000_(Galaxy_S).jpg");

        // Stored 640x480 (ExifTool's ImageSize), shown turned a quarter.
        assertThat(m.orientation()).isEqualTo(6);
        assertThat(m.width()).isEqualTo(480);
        assertThat(m.height()).isEqualTo(640);
    }

    @Test
    void ignores_a_camera_default_description_and_a_zero_gps_position_with_warnings() {
        ImageMetadata m = read("mei_Samsung_GT-I9000_(Galaxy_S).jpg");

        assertThat(m.description()).isNull();
        assertThat(m.gpsLatitude()).isNull();
        assertThat(m.warnings()).contains("EXIF ImageDescription 'SAMSUNG' is a camera default; ignored",
                "EXIF GPS position 0,0 is a placeholder; ignored");
    }

    @Test
    void applies_values_supplied_at_upload_on_top_with_upload_provenance() {
        SuppliedMetadata supplied = new SuppliedMetadata("Lincoln at dawn", "Jane Roe", "Newsroom", List.of("dawn", "memorial"));

        ImageMetadata m = reader.read(TestImages.path("exr_iptc-agency-photographer-example.jpg"), supplied);

        assertThat(m.description()).isEqualTo("Lincoln at dawn");
        assertThat(m.creator()).containsExactly("Jane Roe");
        assertThat(m.credit()).isEqualTo("Newsroom");
        assertThat(m.keywords()).containsExactly("dawn", "memorial");
        assertThat(m.headline()).isEqualTo("Lincoln Memorial");
        assertThat(m.provenance())
                .containsEntry("description", "upload:caption")
                .containsEntry("creator", "upload:creator")
                .containsEntry("credit", "upload:credit")
                .containsEntry("keywords", "upload:keywords")
                .containsEntry("headline", "XMP:photoshop:Headline");
    }

    @Test
    void an_empty_file_yields_a_warning_not_an_exception() {
        ImageMetadata m = read("grid_thisisnotanimage.jpg");

        assertThat(m.width()).isNull();
        assertThat(m.warnings()).containsExactly("the file is empty");
    }

    @Test
    void a_jpeg_without_frame_header_has_no_size_and_says_so() {
        ImageMetadata m = read("kim_photo_45.jpg");

        assertThat(m.width()).isNull();
        assertThat(m.height()).isNull();
        assertThat(m.warnings()).contains("no image size in the JPEG header");
    }

    @Test
    void reads_camera_and_colour_profile_of_a_heic_it_cannot_decode() {
        ImageMetadata m = read("mei_IMG_2927.HEIC");

        assertThat(m.make()).isEqualTo("Apple");
        assertThat(m.model()).isEqualTo("iPhone 11 Pro");
        assertThat(m.iccProfile()).isEqualTo("Display P3");
        assertThat(m.dateTaken()).isEqualTo("2020-05-04T18:39:11.644-04:00");
    }

    @Test
    void reads_a_cmyk_jpeg_with_a_malformed_iptc_date_keeping_the_rest() {
        ImageMetadata m = read("grid_cmyk.jpg");

        assertThat(m.creator()).containsExactly("Christopher Furlong");
        assertThat(m.credit()).isEqualTo("Getty Images");
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("IPTC DateCreated"));
    }

    @Test
    void is_safe_to_share_between_threads() throws Exception {
        ImageMetadata expected = read("exr_iptc-agency-photographer-example.jpg");
        List<Thread> threads = new ArrayList<>();
        List<ImageMetadata> results = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> results.add(read("exr_iptc-agency-photographer-example.jpg")));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(4).allMatch(expected::equals);
    }

    @Test
    void reads_a_reuters_wire_photo_cleaned_with_its_raw_values_and_their_sources() throws Exception {
        ImageMetadata m = reader.read(java.nio.file.Path.of(getClass().getResource(
                "/conformance/ci_2010-01-04T052300Z_01_BTRE6021PS000_RTROPTP_3_BUSINESS-US-TSE.JPG").toURI()));

        assertThat(m.credit()).isEqualTo("Reuters");
        assertThat(m.raw()).containsEntry("credit", "REUTERS").containsEntry("creator", List.of("YURIKO NAKAO"));
        assertThat(m.creator()).containsExactly("Yuriko Nakao");
        assertThat(m.creditLine()).isEqualTo("Photo: Yuriko Nakao / Reuters");
        assertThat(m.city()).isEqualTo("Tokyo");
        assertThat(m.countryCode()).isEqualTo("JPN");
        assertThat(m.dateTaken()).isEqualTo("2009-12-29T06:05:08+00:00");
        assertThat(m.provenance()).containsEntry("credit", "IPTC:Credit").containsEntry("creator", "IPTC:By-line")
                .containsEntry("countryCode", "IPTC:Country-PrimaryLocationCode");
    }

    @Test
    void reads_rights_accessibility_and_ai_fields_of_the_iptc_reference_image() {
        ImageMetadata m = read("frp_IPTC-PhotometadataRef-Std2021.1.jpg");

        assertThat(m.creatorJobTitle()).isEqualTo("Creator's Job Title  (ref2021.1)");
        assertThat(m.usageTerms()).isEqualTo("Rights Usage Terms (ref2021.1)");
        assertThat(m.instructions()).isEqualTo("An Instruction (ref2021.1)");
        assertThat(m.altText()).isEqualTo("This is the Alt Text description to support accessibility in 2021.1");
        assertThat(m.digitalSourceType()).isEqualTo("http://cv.iptc.org/newscodes/digitalsourcetype/softwareImage");
        assertThat(m.madeWithGenerativeAi()).isFalse();
        assertThat(m.rating()).isEqualTo(1);
        assertThat(m.provenance()).containsEntry("altText", "XMP:Iptc4xmpCore:AltTextAccessibility");
        assertThat(m.webStatement()).isEqualTo("https://example.com/WebStatementOfRights/2021.1");
        assertThat(m.licensorUrl()).isEqualTo("https://example.com/LicensorURL_1_ref2021.1");
        assertThat(m.provenance()).containsEntry("webStatement", "XMP:xmpRights:WebStatement")
                .containsEntry("licensorUrl", "XMP:plus:LicensorURL");
    }

    @Test
    void reads_the_exposure_of_a_camera_photo() {
        ImageMetadata m = read("exr_iptc-agency-photographer-example.jpg");

        assertThat(m.exposureTime()).matches("1/\\d+|[0-9.]+");
        assertThat(m.fNumber()).isPositive();
        assertThat(m.focalLength()).isPositive();
        assertThat(m.provenance()).containsEntry("fNumber", "EXIF:FNumber");
    }

    @Test
    void values_supplied_at_upload_keep_the_files_value_in_raw() {
        SuppliedMetadata supplied = new SuppliedMetadata(null, null, "Newsroom", List.of());

        ImageMetadata m = reader.read(TestImages.path("exr_iptc-agency-photographer-example.jpg"), supplied);

        assertThat(m.credit()).isEqualTo("Newsroom");
        assertThat(m.raw()).containsEntry("credit", "Mugwum Press");
        assertThat(m.provenance()).containsEntry("credit", "upload:credit");
        assertThat(m.creditLine()).isEqualTo("Photo: Julie Doe / Newsroom");
    }

    @Test
    void reads_exif_and_iptc_that_gimp_stored_as_raw_profiles_in_a_png() throws Exception {
        ImageMetadata m = reader.read(java.nio.file.Path.of(getClass().getResource("/conformance/kim_photo_51.png").toURI()));

        assertThat(m.make()).isEqualTo("Canon");
        assertThat(m.title()).isEqualTo("Head of King cobra");
        assertThat(m.description()).isEqualTo("brown snake on green grass");
        assertThat(m.keywords()).contains("cobra", "snake");
        assertThat(m.provenance()).containsEntry("title", "IPTC:ObjectName").containsEntry("make", "EXIF:Make");
    }
}
