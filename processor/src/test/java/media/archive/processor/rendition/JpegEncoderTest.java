package media.archive.processor.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.ByteArrayInputStream;
import java.util.List;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
    private final RenditionMaker maker = new RenditionMaker(List.of(new RenditionSpec("thumb", 256)), 150_000_000L, 0.82f);

    @Test
    void renditions_are_progressive_and_keep_only_the_creator_and_copyright() throws Exception {
        // The original carries GPS, camera, IPTC caption and more.
        Credit credit = new Credit(List.of("ছবি: ট্রান ট্রুং", "Julie Doe"), "© 2025 Mugwum Press");
        byte[] jpeg = maker.make(TestImages.path("exr_iptc-agency-photographer-example.jpg"), 1, credit)
                .renditions().get(0).jpeg();

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);

        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_ARTIST), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("ছবি: ট্রান ট্রুং; Julie Doe");
        assertThat(exif.getTags()).hasSize(2);
        assertThat(xmp.getXmpProperties()).containsEntry("dc:creator[1]", "ছবি: ট্রান ট্রুং")
                .containsEntry("dc:creator[2]", "Julie Doe")
                .containsEntry("dc:rights[1]", "© 2025 Mugwum Press");
        assertThat(metadata.getDirectories()).extracting(d -> d.getName())
                .doesNotContain("GPS", "IPTC", "Exif SubIFD", "ICC Profile");
        assertThat(metadata.getFirstDirectoryOfType(JpegDirectory.class).getName()).isEqualTo("JPEG");
        assertThat(isProgressive(jpeg)).isTrue();
    }

    @Test
    void markup_and_control_characters_in_a_credit_come_out_as_well_formed_xmp() throws Exception {
        byte[] xmp = JpegEncoder.xmp(new Credit(List.of("Tom & \"Jerry\" <AP>"), "© 2025 A&B\u0001 ]]>"));

        com.adobe.internal.xmp.XMPMeta meta = com.adobe.internal.xmp.XMPMetaFactory.parseFromBuffer(xmp);
        assertThat(meta.getArrayItem(com.adobe.internal.xmp.XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Tom & \"Jerry\" <AP>");
        assertThat(meta.getLocalizedText(com.adobe.internal.xmp.XMPConst.NS_DC, "rights", null, "x-default").getValue())
                .isEqualTo("© 2025 A&B ]]>");
    }

    @Test
    void without_a_credit_a_rendition_carries_no_metadata_at_all() throws Exception {
        byte[] jpeg = maker.make(TestImages.path("exr_iptc-agency-photographer-example.jpg"), 1).renditions().get(0).jpeg();

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));

        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class)).isNull();
    }

    /** A progressive JPEG has an SOF2 frame header (ITU T.81, B.1.1.3). */
    private static boolean isProgressive(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; ) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xC2) {
                return true;
            }
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xDA) {
                return false;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return false;
    }
}
