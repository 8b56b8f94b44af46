package media.archive.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import media.archive.platform.config.Settings;
import media.archive.processor.metadata.NewsroomCleaning;
import media.archive.processor.rendition.RenditionSpec;

/**
 * How the processor works: which renditions it makes, which originals it refuses, how many images
 * it works on at once and how long it waits between retries while S3 or Kafka are away.
 *
 * @param renditions    the renditions to make, each a name and a long edge
 * @param maxPixels     originals with more pixels are refused as {@code too-large}, judged from their header
 * @param jpegQuality   JPEG quality of renditions, 0.1 to 1.0
 * @param threads       images processed at once, each by its own Kafka consumer in the group
 * @param tempDir       where originals are downloaded while they are processed
 * @param maxRetryDelay the longest wait between two attempts at an image while S3 or Kafka fail
 * @param cleaning      the newsroom's cleaning rules that run on embedded credits, and the credit line template
 */
public record ProcessorConfig(List<RenditionSpec> renditions, long maxPixels, float jpegQuality, int threads,
                              Path tempDir, Duration maxRetryDelay, NewsroomCleaning cleaning) {

    /** Renditions a newsroom page needs: a thumbnail for lists and a medium size for articles. */
    public static final List<RenditionSpec> DEFAULT_RENDITIONS = List.of(
            new RenditionSpec("thumb", 256), new RenditionSpec("medium", 1024));

    public ProcessorConfig {
        renditions = List.copyOf(renditions);
        if (renditions.isEmpty()) {
            throw new IllegalArgumentException("at least one rendition is needed");
        }
        if (new HashSet<>(renditions.stream().map(RenditionSpec::name).toList()).size() != renditions.size()) {
            throw new IllegalArgumentException("rendition names must be distinct: " + renditions);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        if (!(jpegQuality >= 0.1f && jpegQuality <= 1.0f)) {
            throw new IllegalArgumentException("jpegQuality must be 0.1 to 1.0");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (tempDir == null) {
            throw new IllegalArgumentException("tempDir is required");
        }
        if (maxRetryDelay == null || maxRetryDelay.isNegative() || maxRetryDelay.isZero()) {
            throw new IllegalArgumentException("maxRetryDelay must be positive");
        }
        if (cleaning == null) {
            throw new IllegalArgumentException("cleaning is required");
        }
    }

    /** A configuration with every cleaning rule on and the default credit line. */
    public ProcessorConfig(List<RenditionSpec> renditions, long maxPixels, float jpegQuality, int threads,
                           Path tempDir, Duration maxRetryDelay) {
        this(renditions, maxPixels, jpegQuality, threads, tempDir, maxRetryDelay, NewsroomCleaning.defaults());
    }

    /**
     * The newsroom cleaning from {@code PROCESSOR_CLEANING_DISABLED} and
     * {@code PROCESSOR_CREDIT_LINE}; also what {@code ./archive inspect} applies.
     */
    public static NewsroomCleaning cleaning(Settings settings) {
        List<String> disabled = settings.list("PROCESSOR_CLEANING_DISABLED", List.of(),
                "newsroom cleaning rules to switch off, comma-separated, of " + String.join(",", NewsroomCleaning.ruleNames()));
        String template = settings.text("PROCESSOR_CREDIT_LINE", NewsroomCleaning.DEFAULT_CREDIT_LINE,
                "template of the credit line to publish: {creator}, {credit}, {source}, {copyright}; empty and repeated parts are left out");
        try {
            return NewsroomCleaning.of(disabled, template);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException(
                    e.getMessage().startsWith("no cleaning rule") ? "PROCESSOR_CLEANING_DISABLED" : "PROCESSOR_CREDIT_LINE",
                    e.getMessage());
        }
    }

    /** The configuration from {@code PROCESSOR_*} settings; each has a default that suits one machine. */
    public static ProcessorConfig from(Settings settings) {
        List<String> renditions = settings.list("PROCESSOR_RENDITIONS",
                DEFAULT_RENDITIONS.stream().map(RenditionSpec::toString).toList(),
                "renditions to make as name:longEdge pairs, comma-separated (thumb:256,medium:1024)");
        List<RenditionSpec> specs;
        try {
            specs = renditions.stream().map(RenditionSpec::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("PROCESSOR_RENDITIONS", e.getMessage());
        }
        return new ProcessorConfig(
                specs,
                settings.longValue("PROCESSOR_MAX_PIXELS", 150_000_000L, 1, 4_000_000_000L,
                        "largest original in pixels (width x height) the processor decodes; larger ones fail as too-large"),
                settings.integer("PROCESSOR_JPEG_QUALITY", 82, 10, 100, "JPEG quality of renditions in percent") / 100f,
                settings.integer("PROCESSOR_THREADS", 1, 1, 64,
                        "images processed at once, each by its own consumer; topic partitions bound the useful number"),
                settings.path("PROCESSOR_TEMP_DIR", Path.of(System.getProperty("java.io.tmpdir")),
                        "directory for originals while they are processed"),
                Duration.ofSeconds(settings.integer("PROCESSOR_MAX_RETRY_SECONDS", 30, 1, 240,
                        "longest wait between two attempts at an image while S3 or Kafka are unreachable")),
                cleaning(settings));
    }
}
