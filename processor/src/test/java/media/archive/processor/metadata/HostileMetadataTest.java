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

    @Test
    void a_png_chunk_claiming_2_gb_is_left_out_without_being_allocated() {
        // given: as a real fuzzed file (metadata-extractor-images crash-824dc868) has it, an iCCP of length 2^31-1
        ByteArrayOutputStream png = pngWithIhdr(64, 64);
        png.writeBytes(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'i', 'C', 'C', 'P', 'x', 0, 0});

        // when
        ImageMetadata m = reader.read(new java.io.ByteArrayInputStream(png.toByteArray()), SuppliedMetadata.NONE);

        // then: the header before it is read, the chunk is reported
        assertThat(m.width()).isEqualTo(64);
        assertThat(m.warnings()).anyMatch(w -> w.contains("iCCP chunk of 2147483647 bytes left out"));
    }

    @Test
    void a_ztxt_chunk_inflating_to_100_mb_is_left_out() throws IOException {
        ByteArrayOutputStream png = pngWithIhdr(64, 64);
        ByteArrayOutputStream ztxt = new ByteArrayOutputStream();
        ztxt.writeBytes("Description\0\0".getBytes(StandardCharsets.ISO_8859_1));
        try (java.util.zip.DeflaterOutputStream deflating = new java.util.zip.DeflaterOutputStream(ztxt,
                new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                deflating.write(zeros);
            }
        }
        chunk(png, "zTXt", ztxt.toByteArray());
        chunk(png, "IEND", new byte[0]);

        ImageMetadata m = reader.read(new java.io.ByteArrayInputStream(png.toByteArray()), SuppliedMetadata.NONE);

        assertThat(m.width()).isEqualTo(64);
        assertThat(m.warnings()).anyMatch(w -> w.contains("zTXt chunk left out"));
    }

    @Test
    void an_xmp_packet_of_100000_keywords_is_left_out_before_the_parser_spends_minutes_on_it() {
        StringBuilder xmp = new StringBuilder("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:subject><rdf:Bag>");
        for (int i = 0; i < 100_000; i++) {
            xmp.append("<rdf:li>kw").append(i).append("</rdf:li>");
        }
        xmp.append("</rdf:Bag></dc:subject></rdf:Description></rdf:RDF></x:xmpmeta>");
        ByteArrayOutputStream png = pngWithIhdr(8, 8);
        ByteArrayOutputStream itxt = new ByteArrayOutputStream();
        itxt.writeBytes("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        itxt.writeBytes(xmp.toString().getBytes(StandardCharsets.UTF_8));
        chunk(png, "iTXt", itxt.toByteArray());
        chunk(png, "IEND", new byte[0]);

        long started = System.nanoTime();
        ImageMetadata m = reader.read(new java.io.ByteArrayInputStream(png.toByteArray()), SuppliedMetadata.NONE);

        // XMPCore took more than two minutes over this packet; left out, it costs a scan.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        assertThat(m.keywords()).isEmpty();
        assertThat(m.warnings()).anyMatch(w -> w.contains("tags left out"));
    }

    @Test
    void a_tiff_of_5000_chained_ifds_is_a_warning_not_a_stack_overflow() {
        // given: 5,000 IFDs, each pointing to the next; metadata-extractor follows them by recursion
        int ifds = 5000;
        int ifdBytes = 2 + 12 + 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + ifds * ifdBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < ifds; i++) {
            b.putShort((short) 1).putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0);
            b.putInt(i + 1 < ifds ? 8 + (i + 1) * ifdBytes : 0);
        }

        ImageMetadata m = reader.read(new java.io.ByteArrayInputStream(b.array()), SuppliedMetadata.NONE);

        assertThat(m.warnings()).anyMatch(w -> w.contains("deeper than can be followed"));
    }

    @Test
    void an_xmp_packet_with_a_doctype_in_a_tiff_is_dropped_before_any_parser_sees_it(@TempDir Path dir) throws IOException {
        // given: a 1 x 1 TIFF whose tag 700 holds XMP with an external entity naming a local file
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-VALUE-43");
        byte[] xmp = ("<!DOCTYPE x:xmpmeta [<!ENTITY leak SYSTEM '" + secret.toUri() + "'>]>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:Credit='&leak;'/>"
                + "</rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 4 * 12 + 4 + xmp.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 4);
        b.putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0);
        b.putShort((short) 257).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0);
        b.putShort((short) 258).putShort((short) 3).putInt(1).putShort((short) 8).putShort((short) 0);
        b.putShort((short) 700).putShort((short) 1).putInt(xmp.length).putInt(8 + 2 + 4 * 12 + 4);
        b.putInt(0).put(xmp);

        ImageMetadata m = reader.read(new java.io.ByteArrayInputStream(b.array()), SuppliedMetadata.NONE);

        assertThat(m.toString()).doesNotContain("SECRET-VALUE-43");
        assertThat(m.warnings()).anyMatch(w -> w.contains("DOCTYPE"));
        assertThat(m.width()).isEqualTo(1);
    }

    private static ByteArrayOutputStream pngWithIhdr(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        return png;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
