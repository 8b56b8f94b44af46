package media.archive.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import media.archive.contracts.Appearance;
import media.archive.contracts.ImageMetadata;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.pipeline.ImageProcessing;
import media.archive.processor.rendition.RenditionException;
import media.archive.processor.rendition.RenditionImage;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionSet;

/**
 * Makes the renditions of files on the local disk exactly as the processor makes them for uploads
 * (the same metadata reading, the same {@link RenditionMaker} built from the same
 * {@link ProcessorConfig}), without Kafka or S3: {@code ./archive render}. Each rendition is
 * written as {@code <file name>.<rendition name>.jpg}. Thread-safe: render several files at once.
 */
public final class FileRenderer {
    private final MetadataReader metadata = new MetadataReader();
    private final RenditionMaker maker;

    public FileRenderer(ProcessorConfig config) {
        this.maker = Objects.requireNonNull(config, "config").renditionMaker();
    }

    /**
     * What rendering one file gave.
     *
     * @param file       the original
     * @param width      its width as displayed, or 0 when it failed
     * @param height     its height as displayed, or 0 when it failed
     * @param written    the rendition files written, largest first
     * @param appearance its placeholder, dominant colour and hash, or null when it failed
     * @param failure    null, or the reason it failed ({@code undecodable}, ...) and why, for people
     * @param took       how long reading, rendering and writing took
     */
    public record Result(Path file, int width, int height, List<Path> written, Appearance appearance,
                         String failure, Duration took) {
        public Result {
            Objects.requireNonNull(file, "file");
            written = List.copyOf(written);
            Objects.requireNonNull(took, "took");
        }

        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * Renders {@code file} into {@code outDir}. A file that cannot be rendered is a result with a
     * failure, as the processor answers {@code ImageFailed}; only a failing write to {@code outDir}
     * is thrown.
     */
    public Result render(Path file, Path outDir) throws IOException {
        long start = System.nanoTime();
        try {
            ImageMetadata read = metadata.read(file);
            RenditionSet set = ImageProcessing.renditionsOf(maker, file, read);
            Files.createDirectories(outDir);
            List<Path> written = new ArrayList<>();
            for (RenditionImage image : set.renditions()) {
                Path target = outDir.resolve(file.getFileName() + "." + image.name() + ".jpg");
                Files.write(target, image.jpeg());
                written.add(target);
            }
            return new Result(file, set.width(), set.height(), written, set.appearance(), null, since(start));
        } catch (RenditionException e) {
            return new Result(file, 0, 0, List.of(), null, e.reason() + ": " + e.getMessage(), since(start));
        } catch (RuntimeException e) {
            // What the processor answers with processing-error: this file, not the whole run.
            return new Result(file, 0, 0, List.of(), null, "processing-error: " + e, since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
