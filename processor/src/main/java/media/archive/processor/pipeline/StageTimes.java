package media.archive.processor.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the processor's time goes: each image's stages (download, metadata, decode, each
 * rendition's resize and encode, the S3 writes, the Kafka answer) are logged at DEBUG as the image
 * is done, and every {@code every} images one INFO line gives the median and 90th percentile of
 * each stage over them, with the images per second over the same window. Deliberately small: a
 * log line an operator (or the load benchmark) reads, not a metrics registry.
 *
 * <p>Thread-safe: every worker and attempt thread reports into one instance.
 */
public final class StageTimes {
    private static final Logger LOG = LoggerFactory.getLogger(StageTimes.class);

    private final int every;
    private final Map<String, List<Long>> window = new LinkedHashMap<>();
    private int images;
    private long windowStart = System.nanoTime();

    /** @param every images between two INFO summaries */
    public StageTimes(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1");
        }
        this.every = every;
    }

    /** A fresh record for one image, to fill from whichever thread works on it and hand to {@link #done}. */
    public Image begin() {
        return new Image();
    }

    /** The stages of one image in the order they ran; the attempt's thread and the worker's both add to it. */
    public static final class Image implements ObjLongConsumer<String> {
        private final Map<String, Long> nanos = new LinkedHashMap<>();
        private final long started = System.nanoTime();

        /** Adds {@code took} nanoseconds to {@code stage}. */
        @Override
        public synchronized void accept(String stage, long took) {
            nanos.merge(stage, took, Long::sum);
        }

        /** Adds the time since {@code startNanos} (a {@link System#nanoTime()}) to {@code stage}; returns now. */
        public long since(String stage, long startNanos) {
            long now = System.nanoTime();
            accept(stage, now - startNanos);
            return now;
        }

        synchronized Map<String, Long> stages() {
            Map<String, Long> all = new LinkedHashMap<>(nanos);
            all.put("total", System.nanoTime() - started);
            return all;
        }
    }

    /** Records a finished image: a DEBUG line now, an INFO summary every {@code every} images. */
    public void done(Image image, String what) {
        Map<String, Long> stages = image.stages();
        if (LOG.isDebugEnabled()) {
            StringJoiner line = new StringJoiner(", ");
            stages.forEach((stage, took) -> line.add(stage + " " + millis(took)));
            LOG.debug("image {} stages (ms): {}", what, line);
        }
        String summary = null;
        synchronized (this) {
            stages.forEach((stage, took) -> window.computeIfAbsent(stage, s -> new ArrayList<>()).add(took));
            if (++images >= every) {
                summary = summary(System.nanoTime());
                window.clear();
                images = 0;
                windowStart = System.nanoTime();
            }
        }
        if (summary != null) {
            LOG.info(summary);
        }
    }

    private String summary(long now) {
        double seconds = (now - windowStart) / 1e9;
        StringJoiner line = new StringJoiner(", ");
        window.forEach((stage, samples) -> {
            long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            line.add(stage + " " + millis(percentile(sorted, 50)) + "/" + millis(percentile(sorted, 90)));
        });
        return String.format(Locale.ROOT, "processor stages: %d images in %.1f s (%.2f images/s); median/p90 ms per image: %s",
                images, seconds, images / seconds, line);
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static String millis(long nanos) {
        return Long.toString(Math.round(nanos / 1e6));
    }
}
