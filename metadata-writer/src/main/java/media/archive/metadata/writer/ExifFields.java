package media.archive.metadata.writer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Brings a JPEG's EXIF ImageDescription, Artist and Copyright (IFD0) in line with the archive's
 * caption, creators and copyright, when the file has EXIF. MWG readers, ExifTool's {@code -use MWG}
 * and the archive's own processor take these three from EXIF before XMP and IIM (MWG Guidelines
 * 2.0), so a stale camera or rendition value would otherwise win over an editor's
 * change. A file without EXIF gets none. Creators are joined with "; " as MWG prescribes for
 * Artist. Commons Imaging's lossless rewriter keeps the rest of the EXIF block where it was
 * (maker notes keep their offsets); the block is only rewritten when a value differs.
 *
 * <p>Commons Imaging skips every field numbered 0 when it reads a TIFF directory, which would
 * drop GPSVersionID (GPS tag 0, required by EXIF whenever there is a GPS directory); it is read
 * from the original block here and put back.
 */
final class ExifFields {
    private ExifFields() {
    }

    /**
     * {@code jpeg} with its EXIF updated, or {@code jpeg} itself when it has no EXIF or the
     * values already agree.
     *
     * @throws ImagingException when the EXIF block cannot be read or rewritten
     */
    static byte[] update(byte[] jpeg, WrittenMetadata fields) throws ImagingException, IOException {
        TiffImageMetadata exif = new JpegImageParser().getExifMetadata(ByteSource.array(jpeg), null);
        if (exif == null) {
            return jpeg;
        }
        String artist = fields.creators().isEmpty() ? null : String.join("; ", fields.creators());
        if (same(exif, TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, fields.description())
                && same(exif, TiffTagConstants.TIFF_TAG_ARTIST, artist)
                && same(exif, TiffTagConstants.TIFF_TAG_COPYRIGHT, fields.copyright())) {
            return jpeg;
        }
        TiffOutputSet output = exif.getOutputSet();
        TiffOutputDirectory gps = output.getGpsDirectory();
        if (gps != null && gps.findField(GpsTagConstants.GPS_TAG_GPS_VERSION_ID) == null) {
            byte[] version = gpsVersion(new JpegImageParser().getExifRawData(ByteSource.array(jpeg)));
            if (version != null) {
                gps.add(GpsTagConstants.GPS_TAG_GPS_VERSION_ID, version);
            }
        }
        TiffOutputDirectory root = output.getOrCreateRootDirectory();
        set(root, TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, fields.description());
        set(root, TiffTagConstants.TIFF_TAG_ARTIST, artist);
        set(root, TiffTagConstants.TIFF_TAG_COPYRIGHT, fields.copyright());
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, output);
        return out.toByteArray();
    }

    /**
     * The four bytes of GPSVersionID in the TIFF block {@code tiff} (with or without the "Exif"
     * header), or null when there is none: IFD0's GPS pointer (tag 0x8825), then tag 0 of the GPS
     * directory, whose four BYTE values sit in the entry itself.
     */
    static byte[] gpsVersion(byte[] tiff) {
        if (tiff == null) {
            return null;
        }
        int base = tiff.length > 6 && tiff[0] == 'E' && tiff[1] == 'x' && tiff[2] == 'i' && tiff[3] == 'f' ? 6 : 0;
        if (tiff.length - base < 8) {
            return null;
        }
        boolean little = tiff[base] == 'I';
        long ifd0 = unsigned(tiff, base + 4, 4, little);
        long gps = entry(tiff, base, ifd0, 0x8825, little, true);
        if (gps < 0) {
            return null;
        }
        long at = entry(tiff, base, gps, 0x0000, little, false);
        return at < 0 ? null : Arrays.copyOfRange(tiff, (int) at, (int) at + 4);
    }

    /**
     * In the directory at {@code ifd}, the entry numbered {@code tag}: its LONG value when
     * {@code value}, otherwise the position of its four value bytes; -1 when absent or out of bounds.
     */
    private static long entry(byte[] tiff, int base, long ifd, int tag, boolean little, boolean value) {
        long start = base + ifd;
        if (ifd <= 0 || start + 2 > tiff.length) {
            return -1;
        }
        long count = unsigned(tiff, (int) start, 2, little);
        for (long i = 0; i < count; i++) {
            long at = start + 2 + 12 * i;
            if (at + 12 > tiff.length) {
                return -1;
            }
            if (unsigned(tiff, (int) at, 2, little) == tag) {
                return value ? unsigned(tiff, (int) at + 8, 4, little) : at + 8;
            }
        }
        return -1;
    }

    private static long unsigned(byte[] bytes, int at, int size, boolean little) {
        long result = 0;
        for (int i = 0; i < size; i++) {
            int b = bytes[little ? at + size - 1 - i : at + i] & 0xff;
            result = result << 8 | b;
        }
        return result;
    }

    private static boolean same(TiffImageMetadata exif, TagInfoAscii tag, String wanted) throws ImagingException {
        TiffField field = exif.findField(tag, true);
        String current = null;
        if (field != null) {
            Object value = field.getValue();
            current = value instanceof String text ? text.strip() : null;
            if (current == null && value != null) {
                return false; // several strings, or not text at all: rewrite
            }
        }
        return Objects.equals(current == null || current.isEmpty() ? null : current, wanted == null ? null : wanted.strip());
    }

    private static void set(TiffOutputDirectory root, TagInfoAscii tag, String value) throws ImagingException {
        root.removeField(tag);
        if (value != null) {
            root.add(tag, value);
        }
    }
}
