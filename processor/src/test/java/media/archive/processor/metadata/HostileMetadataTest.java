package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.SuppliedMetadata;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built to hurt: entities in XMP, huge files, broken blocks. */
class HostileMetadataTest {
    private final MetadataReader reader = new MetadataReader();

    @Test
    void an_xmp_packet_with_an_external_entity_is_never_resolved(@TempDir Path dir) throws IOException {
        // given: a real JPEG with an XMP packet whose creator is an external entity naming a local file
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-VALUE-42");
        String xmp = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                + "<!DOCTYPE x:xmpmeta [<!ENTITY leak SYSTEM '" + secret.toUri() + "'>]>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
                + " xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:Credit='&leak;'>"
                + "<dc:creator><rdf:Seq><rdf:li>&leak;</rdf:li></rdf:Seq></dc:creator>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
        Path file = dir.resolve("hostile.jpg");
        Files.write(file, withApp1(Files.readAllBytes(TestImages.path("reo_Landscape_1.jpg")),
                ("http://ns.adobe.com/xap/1.0/\0" + xmp).getBytes(StandardCharsets.UTF_8)));

        // when
        ImageMetadata m = reader.read(file);

        // then: no value holds the file's content, the packet is reported, the rest is read
        assertThat(m.toString()).doesNotContain("SECRET-VALUE-42");
        assertThat(m.warnings()).anyMatch(w -> w.contains("DOCTYPE"));
        assertThat(m.width()).isEqualTo(1800);
    }

    @Test
    void reading_a_30_mb_jpeg_reads_only_its_metadata_segments() throws IOException {
        // given: a real JPEG followed by 30 MB, as its image data would be
        byte[] photo = Files.readAllBytes(TestImages.path("exr_iptc-agency-photographer-example.jpg"));
        long size = photo.length + 30L * 1024 * 1024;
        CountingStream in = new CountingStream(new SequenceInputStream(
                new java.io.ByteArrayInputStream(photo), new ZeroStream(30L * 1024 * 1024)));

        // when
        ImageMetadata m = reader.read(in, SuppliedMetadata.NONE);

        // then: the credit is read, and less than 1% of the file was read or skipped
        assertThat(m.credit()).isEqualTo("Mugwum Press");
        assertThat(in.count).isLessThan(size / 100).isLessThan(photo.length);
    }

    @Test
    void a_file_cut_inside_its_metadata_keeps_what_came_before_the_cut_with_a_warning(@TempDir Path dir) throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.path("exr_iptc-agency-photographer-example.jpg"));
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(photo, 20_000));

        ImageMetadata m = reader.read(cut);

        // The cut falls inside the XMP packet: EXIF (camera) came before it and is kept.
        assertThat(m.make()).isEqualTo("NIKON CORPORATION");
        assertThat(m.warnings()).contains("the file ends inside its metadata; what came before is read");
    }

    /** {@code jpeg} with {@code payload} as an APP1 segment right after its SOI marker. */
    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Counts every byte read or skipped through it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** {@code length} zero bytes, without holding them in memory. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
