package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Reads written files back the way other programs do: metadata-extractor for XMP, IIM and EXIF,
 * ImageIO for pixels, and a walk over the JPEG's APP13 resources written for the tests alone
 * (so that the writer's own parser does not check itself).
 */
final class WrittenFiles {
    private WrittenFiles() {
    }

    static byte[] fixture(String name) {
        try (InputStream in = WrittenFiles.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test image " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Metadata metadata(byte[] file) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(file), file.length);
        } catch (ImageProcessingException | IOException e) {
            throw new AssertionError("metadata-extractor cannot read the written file", e);
        }
    }

    /** The IIM datasets of the file (the Photoshop one), as metadata-extractor reads them. */
    static IptcDirectory iim(byte[] file) {
        IptcDirectory iim = metadata(file).getFirstDirectoryOfType(IptcDirectory.class);
        if (iim == null) {
            throw new AssertionError("no IPTC-IIM in the written file");
        }
        return iim;
    }

    /** The file's XMP, as metadata-extractor reads it. */
    static XMPMeta xmp(byte[] file) {
        List<XmpDirectory> packets = new ArrayList<>(metadata(file).getDirectoriesOfType(XmpDirectory.class));
        if (packets.size() != 1) {
            throw new AssertionError("expected one XMP packet, found " + packets.size());
        }
        return packets.get(0).getXMPMeta();
    }

    static String localized(XMPMeta xmp, String namespace, String name) throws XMPException {
        var item = xmp.getLocalizedText(namespace, name, null, XMPConst.X_DEFAULT);
        return item == null ? null : item.getValue();
    }

    static List<String> creators(XMPMeta xmp) throws XMPException {
        List<String> creators = new ArrayList<>();
        for (int i = 1; i <= xmp.countArrayItems(XMPConst.NS_DC, "creator"); i++) {
            creators.add(xmp.getArrayItem(XMPConst.NS_DC, "creator", i).getValue());
        }
        return creators;
    }

    /** The data of Photoshop resource {@code id} in the JPEG's APP13 segments, or null. */
    static byte[] photoshopResource(byte[] jpeg, int id) {
        try {
            JpegSegmentData segments = JpegSegmentReader.readSegments(new StreamReader(new ByteArrayInputStream(jpeg)),
                    Set.of(JpegSegmentType.APPD));
            byte[] header = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
            for (byte[] segment : segments.getSegments(JpegSegmentType.APPD)) {
                if (!Arrays.equals(segment, 0, header.length, header, 0, header.length)) {
                    continue;
                }
                int at = header.length;
                while (at + 12 <= segment.length) {
                    int resource = (segment[at + 4] & 0xff) << 8 | segment[at + 5] & 0xff;
                    int nameLength = segment[at + 6] & 0xff;
                    at += 6 + ((nameLength + 2) & ~1);
                    int size = (segment[at] & 0xff) << 24 | (segment[at + 1] & 0xff) << 16 | (segment[at + 2] & 0xff) << 8 | segment[at + 3] & 0xff;
                    at += 4;
                    if (resource == id) {
                        return Arrays.copyOfRange(segment, at, at + size);
                    }
                    at += size + (size & 1);
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError("the written JPEG's segments cannot be read", e);
        }
    }

    static int[] pixels(byte[] file) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
            if (image == null) {
                throw new AssertionError("ImageIO cannot decode the file");
            }
            return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
