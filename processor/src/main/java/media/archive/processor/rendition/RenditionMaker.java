package media.archive.processor.rendition;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import media.archive.contracts.ImageFailed;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Makes the configured JPEG renditions of an original from a single decode. Thread-safe: it
 * holds only its configuration, and each call uses its own reader and writers, so one maker
 * serves every worker thread.
 */
public final class RenditionMaker {
    /** Decode to about this many times the largest rendition, enough for a sharp downscale. */
    private static final int DECODE_MARGIN = 2;

    private final List<RenditionSpec> largestFirst;
    private final long maxPixels;
    private final float quality;

    /**
     * @param specs     the renditions to make; names must be distinct
     * @param maxPixels originals with more pixels than this are refused as {@code too-large}
     * @param quality   JPEG quality, 0.1 to 1.0 (0.82 keeps renditions small without visible blocking)
     */
    public RenditionMaker(List<RenditionSpec> specs, long maxPixels, float quality) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("at least one rendition is needed");
        }
        if (new HashSet<>(specs.stream().map(RenditionSpec::name).toList()).size() != specs.size()) {
            throw new IllegalArgumentException("rendition names must be distinct: " + specs);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive");
        }
        if (!(quality >= 0.1f && quality <= 1.0f)) {
            throw new IllegalArgumentException("JPEG quality must be 0.1 to 1.0, not " + quality);
        }
        List<RenditionSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(RenditionSpec::longEdge).reversed());
        this.largestFirst = Collections.unmodifiableList(sorted);
        this.maxPixels = maxPixels;
        this.quality = quality;
    }

    /**
     * Makes every rendition of the picture in {@code file}.
     *
     * @param orientation the EXIF orientation (1-8) to turn the picture upright by; null for none
     * @throws RenditionException when the file cannot be made into renditions (see its reason)
     * @throws IOException        when the file cannot be read from the local disk
     */
    public RenditionSet make(Path file, Integer orientation) throws RenditionException, IOException {
        List<String> warnings = new ArrayList<>();
        Decoded decoded = decode(file, warnings);
        boolean turned = orientation != null && orientation >= 5 && orientation <= 8;
        int width = turned ? decoded.height() : decoded.width();
        int height = turned ? decoded.width() : decoded.height();
        try {
            List<RenditionImage> made = resizeAll(BufferedImages.opaqueSrgb(decoded.image()), width, height, orientation);
            return new RenditionSet(width, height, made, warnings);
        } catch (RuntimeException e) {
            // Pixel data that decoded but breaks resizing or encoding is a property of the file.
            throw new RenditionException(ImageFailed.UNDECODABLE, "the picture could not be resized: " + e, e);
        }
    }

    /** The original's full size (as stored) and its picture, decoded at a fraction of that size. */
    private record Decoded(int width, int height, BufferedImage image) {
    }

    private Decoded decode(Path file, List<String> warnings) throws RenditionException, IOException {
        if (Files.size(file) == 0) {
            throw new RenditionException(ImageFailed.UNDECODABLE, "the file is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                Optional<String> known = ImageFormats.undecodableKnownFormat(file);
                if (known.isPresent()) {
                    throw new RenditionException(ImageFailed.UNSUPPORTED_FORMAT,
                            known.get() + " pictures cannot be decoded here; metadata was still read");
                }
                throw new RenditionException(ImageFailed.UNDECODABLE, "the file is not a picture in a known format");
            }
            ImageReader reader = readers.next();
            try {
                // Metadata is not ignored: the decoder needs the embedded colour profile.
                reader.setInput(in, true, false);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add("decoder: " + warning));
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new RenditionException(ImageFailed.TOO_LARGE, String.format(
                            "%d x %d pixels is %.1f MP, above the limit of %.1f MP",
                            width, height, width * (double) height / 1e6, maxPixels / 1e6));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                embeddedRgbProfile(reader).ifPresent(param::setDestinationType);
                int step = subsampling(width, height);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new RenditionException(ImageFailed.UNDECODABLE, "the decoder returned no picture");
                }
                return new Decoded(width, height, image);
            } catch (IOException | RuntimeException e) {
                throw new RenditionException(ImageFailed.UNDECODABLE,
                        "the " + reader.getFormatName() + " decoder gave up: " + Objects.toString(e.getMessage(), e.toString()), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The decoder's image type carrying the file's own RGB colour profile, when that is not sRGB
     * (Adobe RGB from cameras, Display P3 from phones). Decoders hand out such pixels labelled as
     * sRGB by default, which looks washed out; decoding them with their profile lets
     * {@link BufferedImages#opaqueSrgb} convert them properly.
     */
    private static Optional<ImageTypeSpecifier> embeddedRgbProfile(ImageReader reader) {
        try {
            for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
                ImageTypeSpecifier type = types.next();
                ColorSpace space = type.getColorModel().getColorSpace();
                if (space instanceof ICC_ColorSpace && space.getType() == ColorSpace.TYPE_RGB && !space.isCS_sRGB()) {
                    return Optional.of(type);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No profile information: the pixels are taken as sRGB, as every browser would.
        }
        return Optional.empty();
    }

    /** The largest whole step that still leaves {@link #DECODE_MARGIN} times the largest rendition's edge. */
    private int subsampling(int width, int height) {
        int target = DECODE_MARGIN * largestFirst.get(0).longEdge();
        return Math.max(1, Math.max(width, height) / target);
    }

    /**
     * Makes the largest rendition from the decoded picture, turning it upright on the way, then
     * each smaller one from the one before, as a cascade of downscales is both faster and sharper
     * than scaling every rendition from the large original.
     */
    private List<RenditionImage> resizeAll(BufferedImage decoded, int width, int height, Integer orientation)
            throws IOException {
        List<RenditionImage> made = new ArrayList<>(largestFirst.size());
        BufferedImage previous = null;
        for (RenditionSpec spec : largestFirst) {
            double scale = Math.min(1.0, spec.longEdge() / (double) Math.max(width, height));
            int w = Math.max(1, (int) Math.round(width * scale));
            int h = Math.max(1, (int) Math.round(height * scale));
            BufferedImage image;
            if (previous == null) {
                Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(decoded)
                        .forceSize(w, h)
                        .imageType(BufferedImage.TYPE_INT_RGB);
                if (orientation != null && orientation >= 2 && orientation <= 8) {
                    // Thumbnailator resizes to the size turned back for a filter that swaps sides, then turns.
                    builder.addFilter(ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)));
                }
                image = builder.asBufferedImage();
            } else if (previous.getWidth() == w && previous.getHeight() == h) {
                image = previous;
            } else {
                image = Thumbnails.of(previous).forceSize(w, h).imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
            }
            made.add(new RenditionImage(spec.name(), image.getWidth(), image.getHeight(), jpeg(image)));
            previous = image;
        }
        return made;
    }

    private byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // An in-memory stream: ImageIO's default file cache would put temporary files on disk.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
