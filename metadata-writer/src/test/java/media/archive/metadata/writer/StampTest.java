package media.archive.metadata.writer;

import static media.archive.metadata.writer.WrittenFiles.creators;
import static media.archive.metadata.writer.WrittenFiles.fixture;
import static media.archive.metadata.writer.WrittenFiles.localized;
import static media.archive.metadata.writer.WrittenFiles.metadata;
import static media.archive.metadata.writer.WrittenFiles.pixels;
import static media.archive.metadata.writer.WrittenFiles.xmp;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class StampTest {
    private static final WrittenMetadata RIGHTS = new WrittenMetadata(null, null, List.of("Trần Trung", "Julie Doe"),
            "Tuổi Trẻ / AFP", "© 2025 Tuổi Trẻ", null, null, "https://photos.example.com/rights",
            "https://photos.example.com/licence", List.of());
    private final MetadataWriter writer = new MetadataWriter();

    @Test
    void a_stamped_jpeg_carries_the_rights_in_exif_and_xmp_and_nothing_of_its_old_metadata() throws Exception {
        byte[] original = fixture("exr_iptc-agency-photographer-example.jpg");

        MetadataWriter.Result stamped = writer.stamp(original, RIGHTS);

        assertThat(stamped.written()).isTrue();
        byte[] jpeg = stamped.bytes();
        Metadata metadata = metadata(jpeg);
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_ARTIST), StandardCharsets.UTF_8).replace("\0", ""))
                .isEqualTo("Trần Trung; Julie Doe");
        assertThat(new String(exif.getByteArray(ExifIFD0Directory.TAG_COPYRIGHT), StandardCharsets.UTF_8).replace("\0", ""))
                .isEqualTo("© 2025 Tuổi Trẻ");
        XMPMeta xmp = xmp(jpeg);
        assertRights(xmp);
        assertThat(metadata.getFirstDirectoryOfType(IptcDirectory.class)).isNull();
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "City")).isNull();
        assertThat(metadataBytes(jpeg)).isLessThanOrEqualTo(MetadataWriter.STAMP_BUDGET);
        assertThat(pixels(jpeg)).isEqualTo(pixels(original));
    }

    @Test
    void a_lossy_webp_becomes_extended_with_an_xmp_chunk_and_still_decodes() throws Exception {
        byte[] webp = webp(false);
        assertThat(new String(webp, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8 ");

        MetadataWriter.Result stamped = writer.stamp(webp, RIGHTS);

        assertThat(stamped.written()).isTrue();
        byte[] file = stamped.bytes();
        assertThat(new String(file, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8X");
        assertThat(file[20] & 0x04).as("the XMP flag").isEqualTo(0x04);
        assertThat(riffLength(file)).isEqualTo(file.length - 8);
        assertRights(xmp(file));
        assertThat(file.length - webp.length).isLessThanOrEqualTo(MetadataWriter.STAMP_BUDGET);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(file));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertThat(decoded.getRGB(0, 0, 64, 48, null, 0, 64)).isEqualTo(pixels(webp));
    }

    @Test
    void a_lossless_webp_with_alpha_keeps_its_alpha_flag() throws Exception {
        byte[] webp = webp(true);
        assertThat(new String(webp, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8L");

        byte[] file = writer.stamp(webp, RIGHTS).bytes();

        assertThat(file[20] & 0x14).as("the alpha and XMP flags").isEqualTo(0x14);
        assertRights(xmp(file));
        assertThat(pixels(file)).isEqualTo(pixels(webp));
    }

    @Test
    void an_extended_webp_gets_its_old_xmp_replaced_by_one_packet_of_ours() throws Exception {
        byte[] webp = fixture("frp_meta.webp");

        byte[] file = writer.stamp(webp, RIGHTS).bytes();

        assertThat(metadata(file).getDirectoriesOfType(XmpDirectory.class)).hasSize(1);
        assertRights(xmp(file));
        assertThat(riffLength(file)).isEqualTo(file.length - 8);
        assertThat(pixels(file)).isEqualTo(pixels(webp));
    }

    @Test
    void values_longer_than_the_budget_are_shed_caption_first_and_the_rights_stay() throws Exception {
        String caption = "ঢাকায় বর্ষার প্রথম বৃষ্টিতে শিশুরা খেলছে। ".repeat(40);
        WrittenMetadata full = new WrittenMetadata(caption, "Monsoon", List.of("Trần Trung"), "AFP", "© 2025 AFP",
                null, null, null, null, List.of("rain", "children", "Dhaka", "monsoon"));

        byte[] jpeg = writer.stamp(fixture("ci_image.jpeg"), full).bytes();

        assertThat(metadataBytes(jpeg)).isLessThanOrEqualTo(MetadataWriter.STAMP_BUDGET);
        XMPMeta xmp = xmp(jpeg);
        assertThat(creators(xmp)).containsExactly("Trần Trung");
        assertThat(localized(xmp, XMPConst.NS_DC, "rights")).isEqualTo("© 2025 AFP");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Headline")).isEqualTo("Monsoon");
        assertThat(xmp.countArrayItems(XMPConst.NS_DC, "subject")).isZero();
        String kept = localized(xmp, XMPConst.NS_DC, "description");
        assertThat(kept).isNotNull().endsWith("…");
        assertThat(caption).startsWith(kept.substring(0, kept.length() - 1));
    }

    @Test
    void with_nothing_to_write_a_jpeg_is_stripped_of_its_metadata() throws Exception {
        byte[] jpeg = writer.stamp(fixture("grid_pa.jpg"), WrittenMetadata.NONE).bytes();

        Metadata metadata = metadata(jpeg);
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(IptcDirectory.class)).isNull();
    }

    @Test
    void a_broken_file_is_served_as_it_is() {
        byte[] broken = fixture("kim_photo_45.jpg");

        MetadataWriter.Result result = writer.stamp(broken, RIGHTS);

        assertThat(result.written()).isFalse();
        assertThat(result.bytes()).isSameAs(broken);
    }

    @Test
    void a_cut_webp_is_served_as_it_is_and_a_budget_too_small_for_anything_writes_nothing() throws Exception {
        byte[] cut = java.util.Arrays.copyOf(webp(false), 40);

        assertThat(writer.stamp(cut, RIGHTS).written()).isFalse();
        assertThat(MetadataWriter.compactXmp(RIGHTS, 100)).isNull();
        assertThat(MetadataWriter.compactXmp(new WrittenMetadata(null, null, List.of("x".repeat(5000)), null, null, null, null), 400))
                .isNotNull().hasSizeLessThanOrEqualTo(400);
    }

    private static void assertRights(XMPMeta xmp) throws Exception {
        assertThat(creators(xmp)).containsExactly("Trần Trung", "Julie Doe");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo("Tuổi Trẻ / AFP");
        assertThat(localized(xmp, XMPConst.NS_DC, "rights")).isEqualTo("© 2025 Tuổi Trẻ");
        assertThat(xmp.getPropertyString(XMPConst.NS_XMP_RIGHTS, "WebStatement")).isEqualTo("https://photos.example.com/rights");
        assertThat(xmp.getStructField(XmpPacket.NS_PLUS, "Licensor[1]", XmpPacket.NS_PLUS, "LicensorURL").getValue())
                .isEqualTo("https://photos.example.com/licence");
    }

    /** The bytes of every APPn and COM segment of a JPEG, markers and lengths included. */
    private static int metadataBytes(byte[] jpeg) throws Exception {
        JpegSegmentData segments = JpegSegmentReader.readSegments(new StreamReader(new ByteArrayInputStream(jpeg)), null);
        int total = 0;
        for (JpegSegmentType type : segments.getSegmentTypes()) {
            boolean metadata = type.byteValue >= (byte) 0xE1 && type.byteValue <= (byte) 0xEF && type != JpegSegmentType.APP2
                    && type != JpegSegmentType.APPE || type == JpegSegmentType.COM;
            if (metadata) {
                for (byte[] segment : segments.getSegments(type)) {
                    total += segment.length + 4;
                }
            }
        }
        return total;
    }

    private static long riffLength(byte[] file) {
        return (file[4] & 0xffL) | (file[5] & 0xffL) << 8 | (file[6] & 0xffL) << 16 | (file[7] & 0xffL) << 24;
    }

    /** A 64x48 WebP as libwebp writes it: lossy (a simple VP8 file) or lossless with alpha (VP8L). */
    private static byte[] webp(boolean losslessWithAlpha) throws Exception {
        BufferedImage image = new BufferedImage(64, 48, losslessWithAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (losslessWithAlpha ? (x * 4) << 24 : 0xff000000) | (x * 4) << 16 | (y * 5) << 8 | 0x40);
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/webp");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(losslessWithAlpha ? "Lossless" : "Lossy");
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
