package media.archive.processor;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import media.archive.platform.config.Settings;
import media.archive.processor.metadata.NewsroomCleaning;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionSpec;

/**
 * How the processor works: which renditions it makes, which originals it refuses, how many images
 * it works on at once, how long it waits between retries while S3 or Kafka are away, and how
 * many attempts, each how long, an image that breaks the processor gets before it is set aside.
 *
 * @param renditions    the renditions to make, each a name and a long edge
 * @param maxPixels     originals with more pixels are refused as {@code too-large}, judged from their header
 * @param jpegQuality   JPEG quality of renditions, 0.1 to 1.0
 * @param threads       images processed at once, each by its own Kafka consumer in the group
 * @param tempDir       where originals are downloaded while they are processed
 * @param maxRetryDelay the longest wait between two attempts at an image while S3 or Kafka fail
 * @param background    what transparent parts of a picture are laid on in its renditions
 * @param imageBudget   the longest the processor works on one image before failing it as {@code too-large}
 * @param cleaning      the newsroom's cleaning rules that run on embedded credits, and the credit line template
 * @param maxAttempts   attempts at an image that breaks or outlasts the processor before it goes to
 *                      {@code media.dead-letter} and is answered {@code failed}
 * @param attemptTimeout the longest one attempt may run before it is abandoned (counted as failed);
 *                      longer than {@code imageBudget}, so a slow picture fails as {@code too-large} first
 * @param nice          the Linux nice value (0-19) of the threads that work on images, so that whatever
 *                      shares their machine or process (uploads, search, serving) gets the CPU first
 */
public record ProcessorConfig(List<RenditionSpec> renditions, long maxPixels, float jpegQuality, int threads,
                              Path tempDir, Duration maxRetryDelay, Color background, Duration imageBudget,
                              NewsroomCleaning cleaning, int maxAttempts, Duration attemptTimeout,
                              int nice) {

    /**
     * Renditions a newsroom needs: a thumbnail for the editors' grid and lists, and three sizes a
     * page picks from ({@code srcset}) for phones, articles and full-width pictures.
     */
    public static final List<RenditionSpec> DEFAULT_RENDITIONS = List.of(
            new RenditionSpec("thumb", 256), new RenditionSpec("small", 512),
            new RenditionSpec("medium", 1024), new RenditionSpec("large", 2048));

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
        if (background == null) {
            throw new IllegalArgumentException("background is required");
        }
        if (imageBudget == null || imageBudget.isNegative() || imageBudget.isZero()) {
            throw new IllegalArgumentException("imageBudget must be positive");
        }
        if (cleaning == null) {
            throw new IllegalArgumentException("cleaning is required");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (attemptTimeout == null || attemptTimeout.compareTo(imageBudget) <= 0) {
            throw new IllegalArgumentException("attemptTimeout must be longer than imageBudget (" + imageBudget.toSeconds() + " s)");
        }
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be 0 to 19");
        }
    }

    /** The rendition maker this configuration describes; the processor and {@link FileRenderer} share it. */
    public RenditionMaker renditionMaker() {
        return new RenditionMaker(renditions, maxPixels, jpegQuality, background, imageBudget);
    }

    /** Parses {@code #rrggbb}, as in {@code #ffffff}. */
    static Color parseColor(String text) {
        if (text == null || !text.strip().matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("a colour is #rrggbb, not '" + text + "'");
        }
        return new Color(Integer.parseInt(text.strip().substring(1), 16));
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
                "renditions to make as name:longEdge pairs, comma-separated (thumb:256,small:512,medium:1024,large:2048)");
        List<RenditionSpec> specs;
        try {
            specs = renditions.stream().map(RenditionSpec::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("PROCESSOR_RENDITIONS", e.getMessage());
        }
        String backgroundText = settings.text("PROCESSOR_BACKGROUND", "#ffffff",
                "colour (#rrggbb) that transparent parts of a picture are laid on in its renditions");
        Color background;
        try {
            background = parseColor(backgroundText);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("PROCESSOR_BACKGROUND", e.getMessage());
        }
        int imageBudget = settings.integer("PROCESSOR_IMAGE_BUDGET_SECONDS", 60, 1, 3600,
                "longest time spent on one image's renditions; beyond it the image fails as too-large");
        int attemptTimeout = settings.integer("PROCESSOR_ATTEMPT_TIMEOUT_SECONDS", 2 * imageBudget, imageBudget + 1, 7200,
                "longest one attempt at an image may run (download, renditions, upload) before it is abandoned as hung;"
                        + " more than PROCESSOR_IMAGE_BUDGET_SECONDS, twice it by default");
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
                background,
                Duration.ofSeconds(imageBudget),
                cleaning(settings),
                settings.integer("PROCESSOR_MAX_ATTEMPTS", 3, 1, 100,
                        "attempts at an image that breaks, crashes or hangs the processor before it goes to media.dead-letter as failed"),
                Duration.ofSeconds(attemptTimeout),
                settings.integer("PROCESSOR_NICE", 10, 0, 19,
                        "Linux nice value of the threads making renditions (0 leaves them at the process's), so that"
                                + " uploads, search and serving on the same machine are answered first"));
    }
}
