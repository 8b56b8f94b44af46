package media.archive.processor.metadata;

import com.drew.imaging.FileType;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.photoshop.PsdHeaderDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about the picture that have one source each: its stored size (from the format's own
 * header, never from EXIF, which keeps the camera's size after an image was cropped or resized,
 * except in TIFF whose header is IFD0), the EXIF orientation, the GPS position and the colour
 * profile's name.
 */
final class PictureFacts {
    /** Formats whose image header is a TIFF IFD0. */
    private static final Set<FileType> TIFF_LIKE = Set.of(FileType.Tiff, FileType.Arw, FileType.Cr2, FileType.Nef,
            FileType.Orf, FileType.Rw2, FileType.Dng, FileType.Pef, FileType.Srw, FileType.Kdc, FileType.ThreeFR,
            FileType.GoPro);

    private PictureFacts() {
    }

    /** A stored (not rotated) pixel size and the tag it was read from. */
    record Size(int width, int height, String tag) {
    }

    private record Header(Class<? extends Directory> type, int widthTag, int heightTag, String label) {
    }

    private static final List<Header> HEADERS = List.of(
            new Header(JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT, "JPEG"),
            new Header(PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT, "PNG"),
            new Header(GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT, "GIF"),
            new Header(BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT, "BMP"),
            new Header(WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT, "WebP"),
            new Header(HeifDirectory.class, HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT, "HEIF"),
            new Header(PsdHeaderDirectory.class, PsdHeaderDirectory.TAG_IMAGE_WIDTH, PsdHeaderDirectory.TAG_IMAGE_HEIGHT, "PSD"));

    private static final Header TIFF = new Header(ExifIFD0Directory.class, ExifDirectoryBase.TAG_IMAGE_WIDTH,
            ExifDirectoryBase.TAG_IMAGE_HEIGHT, "TIFF");

    /** The stored size, or null when the header has none (a JPEG without a frame header, say). */
    static Size size(Metadata metadata, FileType type, Warnings warnings) {
        Size header = headerSize(metadata, type);
        if ((type == FileType.Heif || type == FileType.Avif) && header != null) {
            // metadata-extractor reports the first item's size, which in a tiled HEIC is one tile.
            ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            Integer width = exif == null ? null : exif.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH);
            Integer height = exif == null ? null : exif.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT);
            if (width != null && height != null && (long) width * height > (long) header.width() * header.height()) {
                warnings.add("HEIF size read from EXIF; the container's rotation is not applied");
                return new Size(width, height, "EXIF:ExifImageWidth");
            }
        }
        return header;
    }

    private static Size headerSize(Metadata metadata, FileType type) {
        List<Header> headers = TIFF_LIKE.contains(type) ? List.of(TIFF) : HEADERS;
        for (Header header : headers) {
            // HEIF holds a size per item (thumbnails, tiles); the largest is the picture itself.
            Size best = null;
            for (Directory directory : metadata.getDirectoriesOfType(header.type())) {
                Integer width = directory.getInteger(header.widthTag());
                Integer height = directory.getInteger(header.heightTag());
                if (width != null && height != null && width > 0 && height > 0
                        && (best == null || (long) width * height > (long) best.width() * best.height())) {
                    best = new Size(width, height, header.label() + ":ImageWidth");
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /** The EXIF orientation 1-8, or null when absent or not one of the eight. */
    static Integer orientation(Metadata metadata, Warnings warnings) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        if (orientation == null) {
            return null;
        }
        if (orientation < 1 || orientation > 8) {
            warnings.add("EXIF Orientation " + orientation + " is not one of 1-8; shown as stored");
            return null;
        }
        return orientation;
    }

    /** Whether pictures with {@code orientation} are shown turned by 90 degrees (width and height swap). */
    static boolean swapsSides(Integer orientation) {
        return orientation != null && orientation >= 5 && orientation <= 8;
    }

    /** The GPS position, or null; 0,0 is what unset GPS modules write, not where a photo was taken. */
    static GeoLocation position(Metadata metadata, Warnings warnings) {
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps == null) {
            return null;
        }
        GeoLocation location;
        try {
            location = gps.getGeoLocation();
        } catch (RuntimeException e) {
            warnings.add("EXIF GPS position unreadable: " + e.getMessage());
            return null;
        }
        if (location == null) {
            return null;
        }
        double lat = location.getLatitude();
        double lon = location.getLongitude();
        if (Double.isNaN(lat) || Double.isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            warnings.add("EXIF GPS position " + lat + "," + lon + " is off the globe; ignored");
            return null;
        }
        if (location.isZero()) {
            warnings.add("EXIF GPS position 0,0 is a placeholder; ignored");
            return null;
        }
        return location;
    }

    /** The embedded ICC profile's description ("sRGB IEC61966-2.1", "Adobe RGB (1998)"), or null. */
    static String iccProfile(Metadata metadata) {
        for (IccDirectory icc : metadata.getDirectoriesOfType(IccDirectory.class)) {
            String description = CleanText.line(icc.getDescription(IccDirectory.TAG_TAG_desc));
            if (description != null) {
                return localized(description);
            }
        }
        return null;
    }

    /** One entry of an ICC v4 multi-localised description as metadata-extractor renders it: {@code enUS(text)}. */
    private static final Pattern LOCALIZED = Pattern.compile("([a-z]{2}[A-Z]{2})\\((.*?)\\)(?= [a-z]{2}[A-Z]{2}\\(|$)");

    /**
     * The English text of a v4 profile's "mluc" description, which metadata-extractor renders as
     * {@code 2 enUS(Display P3) jaJP(...)}; the first language when there is no English, the
     * description itself when it is a plain v2 text.
     */
    static String localized(String description) {
        int space = description.indexOf(' ');
        if (space < 1 || !description.substring(0, space).chars().allMatch(Character::isDigit)) {
            return description;
        }
        Matcher m = LOCALIZED.matcher(description.substring(space + 1));
        String first = null;
        while (m.find()) {
            if (m.group(1).startsWith("en")) {
                return m.group(2).strip();
            }
            first = first == null ? m.group(2).strip() : first;
        }
        return first == null || first.isEmpty() ? description : first;
    }
}
