package media.archive.standalone;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hostile metadata for {@link HostileFiles} to put into good pictures: XMP packets (external
 * entities, billion laughs, 100,000 keywords, 1 MB captions), EXIF whose IFDs loop and whose
 * rationals divide by zero, and IPTC-IIM whose datasets lie about their lengths, each built by
 * hand after its specification (XMP part 1 and 3, CIPA DC-008 / TIFF 6.0, IPTC IIM 4.2).
 */
final class HostileMetadata {
    private static final String XMP_NS = "http://ns.adobe.com/xap/1.0/\0";

    private HostileMetadata() {
    }

    /** An XMP APP1 payload holding {@code packet}. */
    static byte[] xmpSegment(String packet) {
        return (XMP_NS + packet).getBytes(StandardCharsets.UTF_8);
    }

    /** An XMP packet with {@code doctype} before it and {@code description} as dc:description and photoshop:Credit. */
    static String xmpPacket(String doctype, String description, String keywordsXml) {
        return "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>" + doctype
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
                + " xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:Credit='" + description + "'>"
                + "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>" + description + "</rdf:li></rdf:Alt></dc:description>"
                + keywordsXml
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    }

    /** A DOCTYPE declaring {@code &ext;} as the resource at {@code uri}: XXE, if any parser resolves it. */
    static String externalEntity(String uri) {
        return "<!DOCTYPE x:xmpmeta [<!ENTITY ext SYSTEM '" + uri + "'>]>";
    }

    /** The "billion laughs" DOCTYPE: {@code &lol9;} expands to 10^9 copies of "lol". */
    static String billionLaughs() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE x:xmpmeta [<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 9; i++) {
            String previous = "&lol" + (i - 1) + ";";
            doctype.append("<!ENTITY lol").append(i).append(" '").append(previous.repeat(10)).append("'>");
        }
        return doctype.append("]>").toString();
    }

    /** dc:subject with {@code count} distinct keywords. */
    static String keywords(int count) {
        StringBuilder xml = new StringBuilder("<dc:subject><rdf:Bag>");
        for (int i = 0; i < count; i++) {
            xml.append("<rdf:li>kw").append(i).append("</rdf:li>");
        }
        return xml.append("</rdf:Bag></dc:subject>").toString();
    }

    /** An iTXt chunk's data holding XMP, uncompressed, as Adobe's XMP specification part 3 puts it in PNG. */
    static byte[] xmpITxt(String packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("XML:com.adobe.xmp".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0, 0, 0, 0});
        out.writeBytes(packet.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * An EXIF APP1 payload (big-endian TIFF structure) whose IFD0 points to itself as the next IFD
     * and whose EXIF sub-IFD points back to IFD0; its XResolution, ExposureTime and FNumber are
     * rationals with a zero denominator, and its GPS latitude is 1/0 degrees.
     */
    static byte[] exifLoopsAndZeroDenominators() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        int base = b.position();
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: XResolution, ExifIFD pointer (to itself), GPS pointer; next IFD = 8 (a loop)
        int ifd0 = 8;
        int ifd0Data = ifd0 + 2 + 3 * 12 + 4;
        int gps = ifd0Data + 8;
        int gpsData = gps + 2 + 2 * 12 + 4;
        int exif = gpsData + 24;
        int exifData = exif + 2 + 3 * 12 + 4;
        b.position(base + ifd0);
        b.putShort((short) 3);
        entryBe(b, 0x011A, 5, 1, ifd0Data);         // XResolution -> 72/0
        entryBe(b, 0x8769, 4, 1, exif);             // ExifIFD
        entryBe(b, 0x8825, 4, 1, gps);              // GPS IFD
        b.putInt(ifd0);                              // next IFD: itself
        b.position(base + ifd0Data);
        b.putInt(72).putInt(0);
        b.position(base + gps);
        b.putShort((short) 2);
        entryBe(b, 0x0001, 2, 2, 'N' << 24);        // GPSLatitudeRef "N"
        entryBe(b, 0x0002, 5, 3, gpsData);          // GPSLatitude -> 1/0, 0/0, 0/0
        b.putInt(0);
        b.position(base + gpsData);
        b.putInt(1).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
        b.position(base + exif);
        b.putShort((short) 3);
        entryBe(b, 0x829A, 5, 1, exifData);         // ExposureTime -> 1/0
        entryBe(b, 0x829D, 5, 1, exifData + 8);     // FNumber -> 0/0
        entryBe(b, 0x8769, 4, 1, ifd0);             // an ExifIFD pointer back to IFD0
        b.putInt(ifd0);
        b.position(base + exifData);
        b.putInt(1).putInt(0).putInt(0).putInt(0);
        byte[] out = new byte[base + exifData + 16];
        b.rewind();
        b.get(out);
        return out;
    }

    /**
     * A Photoshop APP13 payload whose IPTC-IIM block has datasets with lengths past the end of the
     * block, a dataset with a 4-byte "extended" length of 4 GB, and a caption whose UTF-8 is invalid.
     */
    static byte[] iptcWithInvalidLengths() {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        // 1:90 coded character set = ESC % G (UTF-8)
        dataset(iim, 1, 90, new byte[] {0x1B, '%', 'G'});
        dataset(iim, 2, 80, "Hostile Byline".getBytes(StandardCharsets.UTF_8));
        // 2:120 caption: bytes that are not UTF-8 (a lone continuation byte, an overlong form, 0xFF)
        dataset(iim, 2, 120, new byte[] {'C', 'a', 'f', (byte) 0xC3, ' ', (byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xFF, 'x'});
        // 2:25 keyword with an extended length of 0xFFFFFFFF (IIM 1.4.2 section 1.5)
        iim.writeBytes(new byte[] {0x1C, 2, 25, (byte) 0x80, 0x04, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        iim.writeBytes("short".getBytes(StandardCharsets.US_ASCII));
        // 2:105 headline claiming 60,000 bytes where ten follow
        iim.writeBytes(new byte[] {0x1C, 2, 105, (byte) 0xEA, 0x60});
        iim.writeBytes("cut short!".getBytes(StandardCharsets.US_ASCII));
        byte[] block = iim.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x04, 0x04, 0, 0});
        // The resource itself claims more bytes than the segment holds.
        out.writeBytes(ByteBuffer.allocate(4).putInt(block.length + 1000).array());
        out.writeBytes(block);
        return out.toByteArray();
    }

    /** An IPTC-IIM Photoshop APP13 payload with a UTF-8 caption of {@code captionBytes} bytes, split over datasets as IIM allows. */
    static byte[] photoshopIptc(String byline, String caption) {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        dataset(iim, 1, 90, new byte[] {0x1B, '%', 'G'});
        dataset(iim, 2, 80, byline.getBytes(StandardCharsets.UTF_8));
        dataset(iim, 2, 120, caption.getBytes(StandardCharsets.UTF_8));
        byte[] block = iim.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x04, 0x04, 0, 0});
        out.writeBytes(ByteBuffer.allocate(4).putInt(block.length).array());
        out.writeBytes(block);
        if (block.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void dataset(ByteArrayOutputStream out, int record, int dataset, byte[] value) {
        out.write(0x1C);
        out.write(record);
        out.write(dataset);
        out.write(value.length >> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static void entryBe(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }
}
