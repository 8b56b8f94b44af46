package media.archive.metadata.writer;

import static media.archive.metadata.writer.WrittenFiles.creators;
import static media.archive.metadata.writer.WrittenFiles.fixture;
import static media.archive.metadata.writer.WrittenFiles.iim;
import static media.archive.metadata.writer.WrittenFiles.localized;
import static media.archive.metadata.writer.WrittenFiles.metadata;
import static media.archive.metadata.writer.WrittenFiles.photoshopResource;
import static media.archive.metadata.writer.WrittenFiles.pixels;
import static media.archive.metadata.writer.WrittenFiles.xmp;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataWriterTest {
    /** A Bengali caption and credit line as the gallery in the design's example carries them, and Vietnamese names. */
    private static final WrittenMetadata EDITED = new WrittenMetadata(
            "ঢাকার রাস্তায় বৃষ্টির পর শিশুরা খেলছে। ছবি: ট্রান ট্রুং",
            "Mưa lớn ở Hà Nội",
            List.of("Trần Trung", "Nguyễn Văn Ánh"),
            "ছবি: ট্রান ট্রুং",
            "© 2025 Tuổi Trẻ",
            "Editorial use only; no sales",
            "Newsmagazines Out");

    private final MetadataWriter writer = new MetadataWriter();

    @Test
    void every_field_is_written_into_both_xmp_and_iim_of_an_agency_jpeg() throws Exception {
        MetadataWriter.Result result = writer.write(fixture("grid_getty.jpg"), "image/jpeg", EDITED);

        assertThat(result.written()).isTrue();
        XMPMeta xmp = xmp(result.bytes());
        assertThat(localized(xmp, XMPConst.NS_DC, "description")).isEqualTo(EDITED.description());
        assertThat(localized(xmp, XMPConst.NS_DC, "rights")).isEqualTo("© 2025 Tuổi Trẻ");
        assertThat(localized(xmp, XMPConst.NS_XMP_RIGHTS, "UsageTerms")).isEqualTo("Editorial use only; no sales");
        assertThat(creators(xmp)).containsExactly("Trần Trung", "Nguyễn Văn Ánh");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Headline")).isEqualTo("Mưa lớn ở Hà Nội");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Instructions")).isEqualTo("Newsmagazines Out");

        IptcDirectory iim = iim(result.bytes());
        assertThat(iim.getString(IptcDirectory.TAG_CAPTION)).isEqualTo(EDITED.description());
        assertThat(iim.getString(IptcDirectory.TAG_HEADLINE)).isEqualTo("Mưa lớn ở Hà Nội");
        assertThat(iim.getStringArray(IptcDirectory.TAG_BY_LINE)).containsExactly("Trần Trung", "Nguyễn Văn Ánh");
        // IIM 2:110 holds 32 bytes: the Bengali credit line (41) is cut there, after a whole character.
        assertThat(iim.getString(IptcDirectory.TAG_CREDIT)).isEqualTo("ছবি: ট্রান ");
        assertThat(iim.getString(IptcDirectory.TAG_COPYRIGHT_NOTICE)).isEqualTo("© 2025 Tuổi Trẻ");
        assertThat(iim.getString(IptcDirectory.TAG_SPECIAL_INSTRUCTIONS)).isEqualTo("Newsmagazines Out");
        assertThat(iim.getString(IptcDirectory.TAG_CODED_CHARACTER_SET)).isEqualTo("UTF-8");
    }

    @Test
    void the_iptc_digest_is_the_md5_of_the_iim_block_written_in_photoshop_resources_and_in_xmp() throws Exception {
        byte[] written = writer.write(fixture("grid_getty.jpg"), "image/jpeg", EDITED).bytes();

        byte[] iimBlock = photoshopResource(written, 0x0404);
        byte[] digest = photoshopResource(written, 0x0425);
        assertThat(iimBlock).isNotNull();
        assertThat(digest).isEqualTo(MessageDigest.getInstance("MD5").digest(iimBlock));
        assertThat(xmp(written).getPropertyString(XMPConst.NS_PHOTOSHOP, "LegacyIPTCDigest"))
                .isEqualTo(HexFormat.of().withUpperCase().formatHex(digest));
    }

    @Test
    void a_digest_the_file_already_had_is_replaced_by_the_one_of_the_new_iim() throws Exception {
        byte[] original = fixture("exr_iptc-agency-photographer-example.jpg");
        byte[] oldDigest = photoshopResource(original, 0x0425);

        byte[] written = writer.write(original, "image/jpeg", EDITED).bytes();

        byte[] digest = photoshopResource(written, 0x0425);
        assertThat(oldDigest).isNotNull();
        assertThat(digest).isNotEqualTo(oldDigest)
                .isEqualTo(MessageDigest.getInstance("MD5").digest(photoshopResource(written, 0x0404)));
        assertThat(iim(written).getStringArray(IptcDirectory.TAG_BY_LINE)).containsExactly("Trần Trung", "Nguyễn Văn Ánh");
    }

    @Test
    void a_long_bengali_caption_is_cut_in_iim_at_a_character_boundary_and_kept_whole_in_xmp() throws Exception {
        String caption = "দুর্গাপূজার প্রস্তুতিতে কুমারটুলির শিল্পীরা প্রতিমা গড়ছেন। ".repeat(30);
        WrittenMetadata fields = new WrittenMetadata(caption, null, List.of("ট্রান ট্রুং ".repeat(4)), null, null, null, null);

        byte[] written = writer.write(fixture("grid_getty.jpg"), "image/jpeg", fields).bytes();

        assertThat(localized(xmp(written), XMPConst.NS_DC, "description")).isEqualTo(caption);
        String cut = iim(written).getString(IptcDirectory.TAG_CAPTION);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2000).isGreaterThan(1980);
        assertThat(caption).startsWith(cut);
        assertThat(cut).doesNotContain("\uFFFD");
        // The cut falls after a whole character: never between a consonant and its vowel sign.
        assertThat(Character.getType(caption.charAt(cut.length()))).isNotIn(
                (int) Character.NON_SPACING_MARK, (int) Character.COMBINING_SPACING_MARK);
        String byline = iim(written).getString(IptcDirectory.TAG_BY_LINE);
        assertThat(byline.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32);
        assertThat(fields.creators().get(0)).startsWith(byline);
    }

    @Test
    void the_pixels_are_those_of_the_stored_file() {
        for (String name : List.of("grid_getty.jpg", "grid_pa.jpg", "ci_image.jpeg", "mei_Issue_204_(dotnet).png")) {
            byte[] original = fixture(name);

            MetadataWriter.Result result = writer.write(original, null, EDITED);

            assertThat(result.written()).as(name).isTrue();
            assertThat(pixels(result.bytes())).as(name).isEqualTo(pixels(original));
        }
    }

    @Test
    void the_given_bytes_are_never_changed() {
        byte[] original = fixture("grid_pa.jpg");
        byte[] copy = original.clone();

        writer.write(original, "image/jpeg", EDITED);

        assertThat(original).isEqualTo(copy);
    }

    @Test
    void other_xmp_properties_and_iim_datasets_of_the_file_are_kept() throws Exception {
        byte[] written = writer.write(fixture("grid_getty.jpg"), "image/jpeg", EDITED).bytes();

        XMPMeta xmp = xmp(written);
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "City")).isEqualTo("KITZBUEHEL");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Source")).isEqualTo("AFP");
        assertThat(xmp.getPropertyString("http://xmp.gettyimages.com/gift/1.0/", "OriginalFilename")).isEqualTo("43885812_SEA.jpg");
        IptcDirectory iim = iim(written);
        assertThat(iim.getString(IptcDirectory.TAG_CITY)).isEqualTo("KITZBUEHEL");
        assertThat(iim.getString(IptcDirectory.TAG_SOURCE)).isEqualTo("AFP");
    }

    @Test
    void exif_keeps_its_camera_and_gps_and_takes_the_archive_caption_creators_and_copyright() throws Exception {
        byte[] original = fixture("grid_pa.jpg");
        ExifIFD0Directory before = metadata(original).getFirstDirectoryOfType(ExifIFD0Directory.class);
        GpsDirectory gpsBefore = metadata(original).getFirstDirectoryOfType(GpsDirectory.class);

        byte[] written = writer.write(original, "image/jpeg", EDITED).bytes();

        ExifIFD0Directory exif = metadata(written).getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(exif.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo(before.getString(ExifIFD0Directory.TAG_MAKE)).isNotBlank();
        assertThat(exif.getString(ExifIFD0Directory.TAG_MODEL)).isEqualTo(before.getString(ExifIFD0Directory.TAG_MODEL));
        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_ARTIST), StandardCharsets.UTF_8).strip())
                .isEqualTo("Trần Trung; Nguyễn Văn Ánh");
        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_COPYRIGHT), StandardCharsets.UTF_8).strip())
                .isEqualTo("© 2025 Tuổi Trẻ");
        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_IMAGE_DESCRIPTION), StandardCharsets.UTF_8).strip())
                .isEqualTo(EDITED.description());
        GpsDirectory gps = metadata(written).getFirstDirectoryOfType(GpsDirectory.class);
        assertThat(gps.getByteArray(GpsDirectory.TAG_VERSION_ID)).isEqualTo(gpsBefore.getByteArray(GpsDirectory.TAG_VERSION_ID)).isNotNull();
        assertThat(gps.getGeoLocation()).isEqualTo(gpsBefore.getGeoLocation());
    }

    @Test
    void xmp_behind_an_odd_app1_header_is_replaced_by_one_standard_packet() throws Exception {
        byte[] written = writer.write(fixture("grid_pa.jpg"), "image/jpeg", EDITED).bytes();

        XMPMeta xmp = xmp(written);
        assertThat(creators(xmp)).containsExactly("Trần Trung", "Nguyễn Văn Ánh");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "City")).isEqualTo("Leeds");
        assertThat(indexOf(written, "XMP\0://ns.adobe.com/xap/1.0/".getBytes(StandardCharsets.US_ASCII))).isNegative();
    }

    @Test
    void a_jpeg_without_metadata_gets_xmp_and_iim() throws Exception {
        byte[] written = writer.write(fixture("ci_image.jpeg"), "image/jpeg", EDITED).bytes();

        assertThat(iim(written).getString(IptcDirectory.TAG_HEADLINE)).isEqualTo("Mưa lớn ở Hà Nội");
        assertThat(xmp(written).getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(photoshopResource(written, 0x0425))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(photoshopResource(written, 0x0404)));
    }

    @Test
    void fields_the_archive_does_not_hold_are_removed_from_the_file() throws Exception {
        WrittenMetadata onlyCredit = new WrittenMetadata(null, "", List.of(), "AFP", null, null, null);

        byte[] written = writer.write(fixture("grid_getty.jpg"), "image/jpeg", onlyCredit).bytes();

        XMPMeta xmp = xmp(written);
        assertThat(localized(xmp, XMPConst.NS_DC, "description")).isNull();
        assertThat(creators(xmp)).isEmpty();
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Headline")).isNull();
        IptcDirectory iim = iim(written);
        assertThat(iim.containsTag(IptcDirectory.TAG_CAPTION)).isFalse();
        assertThat(iim.containsTag(IptcDirectory.TAG_BY_LINE)).isFalse();
        assertThat(iim.getString(IptcDirectory.TAG_CREDIT)).isEqualTo("AFP");
        assertThat(iim.getString(IptcDirectory.TAG_CITY)).isEqualTo("KITZBUEHEL");
    }

    @Test
    void a_png_gets_one_xmp_packet_in_itxt_with_its_other_properties_kept() throws Exception {
        byte[] original = fixture("mei_Issue_204_(dotnet).png");

        MetadataWriter.Result result = writer.write(original, "image/png", EDITED);

        assertThat(result.written()).isTrue();
        XMPMeta xmp = xmp(result.bytes());
        assertThat(localized(xmp, XMPConst.NS_DC, "description")).isEqualTo(EDITED.description());
        assertThat(creators(xmp)).containsExactly("Trần Trung", "Nguyễn Văn Ánh");
        assertThat(xmp.getPropertyString(XMPConst.NS_XMP, "CreatorTool")).isEqualTo("https://validoo.se");
        assertThat(indexOf(result.bytes(), "iTXtXML:com.adobe.xmp".getBytes(StandardCharsets.US_ASCII))).isPositive();
        assertThat(indexOf(result.bytes(), "Raw profile type xmp".getBytes(StandardCharsets.US_ASCII))).isNegative();
    }

    @Test
    void formats_without_a_writer_are_served_unchanged_and_say_so() {
        byte[] webp = fixture("frp_meta.webp");

        MetadataWriter.Result result = writer.write(webp, "image/webp", EDITED);

        assertThat(result.written()).isFalse();
        assertThat(result.bytes()).isEqualTo(webp);
        assertThat(result.note()).contains("image/webp");
    }

    @Test
    void broken_jpegs_are_answered_unchanged() {
        byte[] getty = fixture("grid_getty.jpg");
        byte[] brokenResources = getty.clone();
        int resources = indexOf(brokenResources, "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII)) + 14;
        brokenResources[resources] = 'X'; // the first resource's "8BIM" signature
        byte[] hugeResource = getty.clone();
        hugeResource[resources + 8] = 0x7f; // its size: far past the segment's end
        List<byte[]> broken = List.of(
                fixture("kim_photo_45.jpg"),
                Arrays.copyOf(getty, 300),
                Arrays.copyOf(getty, 2),
                brokenResources,
                hugeResource,
                new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0, 1, 0, 0, 0},
                new byte[0]);

        for (byte[] file : broken) {
            MetadataWriter.Result result = writer.write(file, "image/jpeg", EDITED);

            assertThat(result.written()).isFalse();
            assertThat(result.bytes()).isEqualTo(file);
        }
    }

    @Test
    void an_xmp_packet_with_entities_is_replaced_without_expanding_them() throws Exception {
        String hostile = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'lol'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' dc:format='&b;'/></rdf:RDF></x:xmpmeta>";
        byte[] jpeg = withApp1(fixture("ci_image.jpeg"), "http://ns.adobe.com/xap/1.0/\0" + hostile);

        MetadataWriter.Result result = writer.write(jpeg, "image/jpeg", EDITED);

        assertThat(result.written()).isTrue();
        assertThat(xmp(result.bytes()).getPropertyString(XMPConst.NS_PHOTOSHOP, "Headline")).isEqualTo("Mưa lớn ở Hà Nội");
        assertThat(indexOf(result.bytes(), "lollol".getBytes(StandardCharsets.US_ASCII))).isNegative();
        assertThat(indexOf(result.bytes(), "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII))).isNegative();
    }

    @Test
    void a_deeply_nested_xmp_packet_never_fails_the_write() {
        String nested = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:a='urn:a:'>" + "<a:b rdf:parseType='Resource'>".repeat(1500)
                + "</a:b>".repeat(1500) + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        byte[] jpeg = withApp1(fixture("ci_image.jpeg"), "http://ns.adobe.com/xap/1.0/\0" + nested);

        MetadataWriter.Result result = writer.write(jpeg, "image/jpeg", EDITED);

        if (result.written()) {
            assertThat(iim(result.bytes()).getString(IptcDirectory.TAG_HEADLINE)).isEqualTo("Mưa lớn ở Hà Nội");
        } else {
            assertThat(result.bytes()).isEqualTo(jpeg);
        }
    }

    /** {@code jpeg} with an APP1 segment holding {@code payload} right after its SOI marker. */
    private static byte[] withApp1(byte[] jpeg, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[jpeg.length + 4 + data.length];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xd8;
        out[2] = (byte) 0xff;
        out[3] = (byte) 0xe1;
        out[4] = (byte) ((data.length + 2) >> 8);
        out[5] = (byte) (data.length + 2);
        System.arraycopy(data, 0, out, 6, data.length);
        System.arraycopy(jpeg, 2, out, 6 + data.length, jpeg.length - 2);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
