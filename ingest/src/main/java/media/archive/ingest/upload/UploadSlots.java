package media.archive.ingest.upload;

import java.util.HashMap;
import java.util.Map;
import media.archive.platform.http.ApiException;

/**
 * How many uploads may be read at once, in all and per uploader. An upload holds a server thread
 * for as long as its body takes to arrive, so without a bound enough slow uploads would take every
 * thread and leave none for health checks, search or renditions. Over the bound an upload is
 * refused at once, before its body is read: {@code 503} when ingest as a whole is full,
 * {@code 429} when this uploader already has its share running; both with {@code Retry-After}.
 * Thread-safe.
 */
final class UploadSlots {
    /** Seconds a refused uploader is told to wait: an upload of a few MB takes about that long. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final int total;
    private final int perUploader;
    private final Map<String, Integer> byUploader = new HashMap<>();
    private int taken;

    UploadSlots(int total, int perUploader) {
        if (total < 1 || perUploader < 1) {
            throw new IllegalArgumentException("upload slots must be at least 1");
        }
        this.total = total;
        this.perUploader = perUploader;
    }

    /** A slot held by one upload of {@code uploader}; closing it gives the slot back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A slot for an upload of {@code uploader}.
     *
     * @throws ApiException {@code 429} or {@code 503} with {@code Retry-After} when none is free
     */
    synchronized Slot take(String uploader) {
        if (taken >= total) {
            throw new ApiException(503, "busy", "ingest is taking as many uploads as it can (" + total
                    + " at once); try again shortly", retryAfter());
        }
        int mine = byUploader.getOrDefault(uploader, 0);
        if (mine >= perUploader) {
            throw new ApiException(429, "too-many-uploads", "this key already has " + perUploader
                    + " uploads under way; wait for one to finish", retryAfter());
        }
        taken++;
        byUploader.put(uploader, mine + 1);
        return new Slot() {
            private boolean open = true;

            @Override
            public void close() {
                synchronized (UploadSlots.this) {
                    if (open) {
                        open = false;
                        give(uploader);
                    }
                }
            }
        };
    }

    /** Uploads holding a slot now. */
    synchronized int taken() {
        return taken;
    }

    private void give(String uploader) {
        taken--;
        byUploader.computeIfPresent(uploader, (name, n) -> n == 1 ? null : n - 1);
    }

    private static Map<String, String> retryAfter() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
