package media.archive.processor.rendition;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import media.archive.contracts.Appearance;
import media.archive.contracts.ImageFailed;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Makes the configured JPEG renditions of an original from a single decode, and its
 * {@link Appearance} from the smallest of them. Thread-safe: it holds only its configuration, and
 * each call uses its own reader and writers, so one maker serves every worker thread.
 *
 * <p>The work on one image: read the header (refuse above the pixel limit); decode once, with
 * ImageIO source subsampling where the picture is far larger than needed; lay transparency on
 * the background and bring it to sRGB (TwelveMonkeys' JPEG decoder converts embedded ICC
 * profiles and CMYK itself; other decoders label their pixels with the profile, converted here);
 * make the largest rendition with Thumbnailator, turning it upright on the way; drop the decoded
 * picture; make each smaller rendition from the one before; encode each as a progressive JPEG
 * carrying only the credit.
 */
public final class RenditionMaker {
    /** Decode to at least this many times the largest rendition, enough for a sharp downscale. */
    private static final int DECODE_MARGIN = 1;
    /** What {@link #RenditionMaker(List, long, float)} allows one image. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    private final List<RenditionSpec> largestFirst;
    private final long maxPixels;
    private final JpegEncoder encoder;
    private final Color background;
    private final Duration budget;

    /** A maker that lays transparency on white and allows each image {@link #DEFAULT_BUDGET}. */
    public RenditionMaker(List<RenditionSpec> specs, long maxPixels, float quality) {
        this(specs, maxPixels, quality, Color.WHITE, DEFAULT_BUDGET);
    }

    /**
     * @param specs      the renditions to make; names must be distinct
     * @param maxPixels  originals with more pixels than this are refused as {@code too-large}
     * @param quality    JPEG quality, 0.1 to 1.0 (0.82 keeps renditions small without visible blocking)
     * @param background what transparent parts of a picture are laid on
     * @param budget     the longest one image may take; beyond it the image fails as {@code too-large}
     */
    public RenditionMaker(List<RenditionSpec> specs, long maxPixels, float quality, Color background, Duration budget) {
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
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive");
        }
        List<RenditionSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(RenditionSpec::longEdge).reversed());
        this.largestFirst = Collections.unmodifiableList(sorted);
        this.maxPixels = maxPixels;
        this.encoder = new JpegEncoder(quality);
        this.background = new Color(Objects.requireNonNull(background, "background").getRGB() & 0xFFFFFF);
        this.budget = budget;
    }

    /** {@link #make(Path, Integer, Credit)} with no credit to carry. */
    public RenditionSet make(Path file, Integer orientation) throws RenditionException, IOException {
        return make(file, orientation, Credit.NONE);
    }

    /**
     * Makes every rendition of the picture in {@code file}.
     *
     * @param orientation the EXIF orientation (1-8) to turn the picture upright by; null for none
     * @param credit      the creator and copyright to write into every rendition
     * @throws RenditionException when the file cannot be made into renditions (see its reason)
     * @throws IOException        when the file cannot be read from the local disk
     */
    public RenditionSet make(Path file, Integer orientation, Credit credit) throws RenditionException, IOException {
        return make(file, orientation, credit, RenditionProgress.NONE);
    }

    /** {@link #make(Path, Integer, Credit)}, telling {@code progress} of each step and rendition as it is done. */
    public RenditionSet make(Path file, Integer orientation, Credit credit, RenditionProgress progress)
            throws RenditionException, IOException {
        long started = System.nanoTime();
        long deadline = System.nanoTime() + budget.toNanos();
        List<String> warnings = new ArrayList<>();
        Decoded decoded = decode(file, warnings, deadline);
        progress.step("decode", System.nanoTime() - started);
        boolean turned = orientation != null && orientation >= 5 && orientation <= 8;
        int width = turned ? decoded.height() : decoded.width();
        int height = turned ? decoded.width() : decoded.height();
        try {
            return resizeAll(decoded, width, height, orientation, credit, warnings, deadline, progress);
        } catch (RuntimeException e) {
            // Pixel data that decoded but breaks resizing or encoding is a property of the file.
            throw new RenditionException(ImageFailed.UNDECODABLE, "the picture could not be resized: " + e, e);
        }
    }

    /**
     * The original's full size (as stored) and its picture, decoded at a fraction of that size.
     * The one reference to the picture, so that {@link #release()} lets it go while the smaller
     * renditions are made.
     */
    private static final class Decoded {
        private final int width;
        private final int height;
        private BufferedImage image;

        Decoded(int width, int height, BufferedImage image) {
            this.width = width;
            this.height = height;
            this.image = image;
        }

        int width() {
            return width;
        }

        int height() {
            return height;
        }

        BufferedImage release() {
            BufferedImage taken = image;
            image = null;
            return taken;
        }
    }

    private Decoded decode(Path file, List<String> warnings, long deadline) throws RenditionException, IOException {
        if (Files.size(file) == 0) {
            throw new RenditionException(ImageFailed.UNDECODABLE, "the file is empty");
        }
        PngTextChunks.check(file);
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
                reader.addIIOReadProgressListener(new Watchdog(deadline));
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new RenditionException(ImageFailed.TOO_LARGE, String.format(
                            "%d x %d pixels is %.1f MP, above the limit of %.1f MP",
                            width, height, width * (double) height / 1e6, maxPixels / 1e6));
                }
                int step = subsampling(width, height);
                BufferedImage image;
                if (JpegReaders.isPlainJpeg(reader)) {
                    image = JpegReaders.readWithJdk(in, step, warnings, new Watchdog(deadline));
                    if (image == null) {
                        in.seek(0);
                        reader.setInput(in, true, false);
                        image = reader.read(0, subsampled(reader, step));
                    }
                } else {
                    image = reader.read(0, subsampled(reader, step));
                }
                checkBudget(deadline, "decoding");
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new RenditionException(ImageFailed.UNDECODABLE, "the decoder returned no picture");
                }
                return new Decoded(width, height, image);
            } catch (RenditionException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new RenditionException(ImageFailed.UNDECODABLE,
                        "the " + reader.getFormatName() + " decoder gave up: " + Objects.toString(e.getMessage(), e.toString()), e);
            } catch (StackOverflowError e) {
                // A decoder recursing through a structure that loops or chains without end; the
                // stack is unwound by now. Uncaught, the error would stop the processor.
                throw new RenditionException(ImageFailed.UNDECODABLE,
                        "the " + reader.getFormatName() + " decoder recursed too deep in the file's structure", e);
            } finally {
                reader.dispose();
            }
        }
    }

    static ImageReadParam subsampled(ImageReader reader, int step) {
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return param;
    }

    private void checkBudget(long deadline, String stage) throws RenditionException {
        if (System.nanoTime() - deadline > 0) {
            throw new RenditionException(ImageFailed.TOO_LARGE, "the picture took longer than the processing budget of "
                    + budget.toMillis() + " ms (while " + stage + ")");
        }
    }

    /**
     * Stops a decoder that runs past the budget: ImageIO calls it on the decoding thread between
     * bands of pixels, where {@link ImageReader#abort()} is honoured.
     */
    static final class Watchdog implements IIOReadProgressListener {
        private final long deadline;

        Watchdog(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (System.nanoTime() - deadline > 0) {
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
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
    private RenditionSet resizeAll(Decoded decoded, int width, int height, Integer orientation, Credit credit,
                                   List<String> warnings, long deadline, RenditionProgress progress)
            throws IOException, RenditionException {
        List<RenditionImage> made = new ArrayList<>(largestFirst.size());
        BufferedImage source = BufferedImages.opaque(decoded.release(), background);
        int type = BufferedImages.isGrey(source) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage previous = null;
        for (RenditionSpec spec : largestFirst) {
            long began = System.nanoTime();
            double scale = Math.min(1.0, spec.longEdge() / (double) Math.max(width, height));
            int w = Math.max(1, (int) Math.round(width * scale));
            int h = Math.max(1, (int) Math.round(height * scale));
            BufferedImage image;
            if (previous == null) {
                Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(source).forceSize(w, h).imageType(type);
                if (orientation != null && orientation >= 2 && orientation <= 8) {
                    // Thumbnailator resizes to the size turned back for a filter that swaps sides, then turns.
                    builder.addFilter(ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)));
                }
                image = builder.asBufferedImage();
                source = null; // the decoded picture is no longer needed; let it go before the rest
            } else if (previous.getWidth() == w && previous.getHeight() == h) {
                image = previous;
            } else {
                image = Thumbnails.of(previous).forceSize(w, h).imageType(type).asBufferedImage();
            }
            long resized = System.nanoTime();
            progress.step("resize " + spec.name(), resized - began);
            RenditionImage rendition = new RenditionImage(spec.name(), image.getWidth(), image.getHeight(),
                    encoder.encode(image, credit));
            progress.step("encode " + spec.name(), System.nanoTime() - resized);
            progress.made(rendition);
            made.add(rendition);
            checkBudget(deadline, "making " + spec.name());
            previous = image;
        }
        long began = System.nanoTime();
        Appearance appearance = Appearances.of(previous);
        progress.step("appearance", System.nanoTime() - began);
        return new RenditionSet(width, height, made, warnings, appearance);
    }
}
