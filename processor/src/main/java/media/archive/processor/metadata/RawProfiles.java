package media.archive.processor.metadata;

import com.drew.lang.ByteArrayReader;
import com.drew.lang.KeyValuePair;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.png.PngDirectory;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * EXIF and IPTC that ImageMagick, GIMP and others store in a PNG as text chunks named
 * {@code Raw profile type exif} / {@code Raw profile type iptc}: a line naming the profile, its
 * length in bytes, then the bytes in hexadecimal. metadata-extractor lists these as text; this
 * turns them into the EXIF and IPTC directories they hold, as ExifTool does.
 */
final class RawProfiles {
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private RawProfiles() {
    }

    /**
     * {@code metadata} with the PNG's raw EXIF and IPTC profiles added ({@code rawIptcProfile}: the
     * text of the IPTC one, which {@link PngChunks} sets aside), and without the empty IPTC
     * directory that metadata-extractor makes when it reads such a profile as IIM; with the IIM
     * block (for the IPTC digest), or null.
     */
    static Result expand(Metadata metadata, String rawIptcProfile, Warnings warnings) {
        byte[] exif = null;
        byte[] iptc = rawIptcProfile == null ? null : hex(rawIptcProfile, warnings);
        for (PngDirectory png : metadata.getDirectoriesOfType(PngDirectory.class)) {
            if (!(png.getObject(PngDirectory.TAG_TEXTUAL_DATA) instanceof List<?> pairs)) {
                continue;
            }
            for (Object item : pairs) {
                if (item instanceof KeyValuePair pair) {
                    String key = pair.getKey();
                    if (key.equalsIgnoreCase("Raw profile type exif") || key.equalsIgnoreCase("Raw profile type APP1")) {
                        exif = exif == null ? hex(pair.getValue().toString(), warnings) : exif;
                    } else if (key.equalsIgnoreCase("Raw profile type iptc") || key.equalsIgnoreCase("Raw profile type 8bim")) {
                        iptc = iptc == null ? hex(pair.getValue().toString(), warnings) : iptc;
                    }
                }
            }
        }
        if (exif == null && iptc == null) {
            return new Result(metadata, null);
        }
        Metadata expanded = new Metadata();
        for (Directory directory : metadata.getDirectories()) {
            boolean failedIim = directory instanceof IptcDirectory && directory.getTagCount() == 0 && iptc != null;
            if (!failedIim) {
                expanded.addDirectory(directory);
            }
        }
        byte[] iimBlock = null;
        try {
            if (exif != null) {
                byte[] tiff = startsWith(exif, EXIF_HEADER) ? Arrays.copyOfRange(exif, EXIF_HEADER.length, exif.length) : exif;
                new ExifReader().extract(new ByteArrayReader(tiff), expanded);
            }
            if (iptc != null) {
                if (iptc.length > 0 && iptc[0] == 0x1c) {
                    new com.drew.metadata.iptc.IptcReader().extract(new SequentialByteArrayReader(iptc), expanded, iptc.length);
                    iimBlock = iptc;
                } else {
                    new PhotoshopReader().extract(new SequentialByteArrayReader(iptc), iptc.length, expanded);
                    iimBlock = PhotoshopResources.find(iptc, 0x0404);
                }
            }
        } catch (RuntimeException e) {
            warnings.add("PNG raw profile unreadable: " + e.getMessage());
        }
        return new Result(expanded, iimBlock);
    }

    /** The metadata with the profiles added, and the IIM block as stored (for its digest), or null. */
    record Result(Metadata metadata, byte[] iimBlock) {
    }

    /** The bytes of "\nexif\n    7712\n4578...": the hex digits after the length line. */
    private static byte[] hex(String text, Warnings warnings) {
        String[] lines = text.strip().split("\n", 3);
        if (lines.length < 3) {
            warnings.add("PNG raw profile has no data");
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int high = -1;
        for (int i = 0; i < lines[2].length() && out.size() < MAX_BYTES; i++) {
            int digit = Character.digit(lines[2].charAt(i), 16);
            if (digit < 0) {
                continue;
            }
            if (high < 0) {
                high = digit;
            } else {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
}
