package media.archive.processor.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.rendition.Credit;
import media.archive.processor.rendition.RenditionException;
import media.archive.processor.rendition.RenditionImage;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionProgress;
import media.archive.processor.rendition.RenditionSet;
import media.archive.platform.storage.ObjectStore;
import media.archive.platform.storage.StorageException;

/**
 * Turns an {@link ImageUploaded} into the {@link ImageProcessed} or {@link ImageFailed} to publish:
 * downloads the original to a temporary file (deleted afterwards), reads its metadata, makes its
 * renditions and stores them under {@link ObjectKeys#rendition}.
 *
 * <p>Idempotent: the same upload writes the same keys with the same bytes, so a redelivered event
 * is harmless. A file that cannot be used is an answer ({@link ImageFailed}), not an error;
 * {@link StorageException} (S3 unreachable) and {@link UncheckedIOException} (local disk) are
 * errors that the caller should retry. Thread-safe if its parts are, as the archive's are.
 *
 * <p>The renditions of one image are written to S3 in parallel, each as soon as it is encoded, on
 * a small pool of daemon threads shared by every worker: a write waits on the network, not on the CPU.
 */
public final class ImageProcessing {
    private static final String JPEG = "image/jpeg";
    private static final AtomicInteger WRITER_THREADS = new AtomicInteger();
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "rendition-writer-" + WRITER_THREADS.incrementAndGet());
        // Writes in flight when the JVM stops are lost harmlessly: the upload is processed again.
        thread.setDaemon(true);
        return thread;
    });

    private final ObjectStore store;
    private final MetadataReader metadata;
    private final RenditionMaker renditions;
    private final Path tempDir;
    private final Clock clock;

    /**
     * @param tempDir where originals are downloaded while they are processed
     * @param clock   stamps the events
     */
    public ImageProcessing(ObjectStore store, MetadataReader metadata, RenditionMaker renditions, Path tempDir, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.renditions = Objects.requireNonNull(renditions, "renditions");
        this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Processes the image {@code uploaded} announces.
     *
     * @throws StorageException     when S3 cannot be read or written; retry later
     * @throws UncheckedIOException when the local temporary file cannot be written; retry later
     */
    public ImageEvent process(ImageUploaded uploaded) {
        return process(uploaded, new StageTimes(Integer.MAX_VALUE).begin());
    }

    /** {@link #process(ImageUploaded)}, adding the time of each stage to {@code stages}. */
    public ImageEvent process(ImageUploaded uploaded, StageTimes.Image stages) {
        long mark = System.nanoTime();
        String key = ObjectKeys.original(uploaded.id());
        Path file = createTempFile();
        try {
            List<String> warnings = new ArrayList<>();
            Optional<InputStream> original = store.open(key);
            if (original.isEmpty()) {
                return new ImageFailed(uploaded.id(), clock.instant(), ImageFailed.ORIGINAL_MISSING,
                        "the original is not in storage at " + key, null);
            }
            try (InputStream in = original.get()) {
                download(in, key, file, uploaded, warnings);
            }
            mark = stages.since("download", mark);
            ImageMetadata read = metadata.read(file, uploaded.supplied());
            stages.since("metadata", mark);
            Writes writes = new Writes(uploaded.id(), stages);
            RenditionSet set;
            try {
                set = renditionsOf(renditions, file, read, writes);
            } catch (RenditionException e) {
                writes.settle();
                return new ImageFailed(uploaded.id(), clock.instant(), e.reason(), e.getMessage(),
                        complete(read, warnings, null));
            } catch (IOException | RuntimeException e) {
                writes.settle();
                throw e;
            }
            mark = System.nanoTime();
            List<Rendition> stored = writes.all();
            stages.since("store", mark);
            warnings.addAll(set.warnings());
            return new ImageProcessed(uploaded.id(), clock.instant(), complete(read, warnings, set), stored,
                    set.appearance());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot process " + uploaded.id() + " in " + tempDir, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Makes the renditions of the original in {@code file} whose metadata is {@code read}: turned
     * by its orientation, carrying its creator and copyright. The one step the processor and
     * {@code ./archive render} share.
     */
    public static RenditionSet renditionsOf(RenditionMaker maker, Path file, ImageMetadata read)
            throws RenditionException, IOException {
        return renditionsOf(maker, file, read, RenditionProgress.NONE);
    }

    /** {@link #renditionsOf(RenditionMaker, Path, ImageMetadata)}, telling {@code progress} of each step. */
    public static RenditionSet renditionsOf(RenditionMaker maker, Path file, ImageMetadata read, RenditionProgress progress)
            throws RenditionException, IOException {
        return maker.make(file, read.orientation(), new Credit(read.creator(), read.copyright()), progress);
    }

    /**
     * The writes of one image's renditions, each begun as soon as the maker has encoded it: the
     * large rendition is on its way to S3 while the smaller ones are made, so the image waits only
     * for the last write rather than for all of them after all the encoding (54 ms of a 232 ms
     * image when they were written at the end; README "Under load"). Used by the image's thread.
     */
    private final class Writes implements RenditionProgress {
        private final ImageId id;
        private final StageTimes.Image stages;
        private final List<CompletableFuture<Rendition>> writes = new ArrayList<>();

        Writes(ImageId id, StageTimes.Image stages) {
            this.id = id;
            this.stages = stages;
        }

        @Override
        public void step(String step, long nanos) {
            stages.accept(step, nanos);
        }

        @Override
        public void made(RenditionImage image) {
            String renditionKey = ObjectKeys.rendition(id, image.name(), "jpg");
            writes.add(CompletableFuture.supplyAsync(() -> {
                store.putBytes(renditionKey, image.jpeg(), JPEG);
                return new Rendition(image.name(), image.width(), image.height(), image.jpeg().length, JPEG, renditionKey);
            }, WRITERS));
        }

        /** Waits for every write; the first failure is rethrown as it was. */
        List<Rendition> all() {
            List<Rendition> stored = new ArrayList<>(writes.size());
            for (CompletableFuture<Rendition> write : writes) {
                try {
                    stored.add(write.join());
                } catch (CompletionException e) {
                    settle();
                    if (e.getCause() instanceof RuntimeException cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
            return stored;
        }

        /** Waits for every write, failed or not, so that none is left running behind a retry or an answer. */
        void settle() {
            writes.forEach(w -> w.handle((r, t) -> null).join());
        }
    }

    /**
     * Copies the original to {@code file}, checking on the way that it is the image the id names:
     * a mismatch means storage returned other bytes than ingest stored, which editors must know.
     */
    private static void download(InputStream original, String key, Path file, ImageUploaded uploaded,
                                 List<String> warnings) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long copied;
        try (InputStream in = new DigestInputStream(original, sha256); OutputStream out = Files.newOutputStream(file)) {
            copied = transfer(in, out, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (!digest.equals(uploaded.id().value())) {
            warnings.add("the stored original's SHA-256 is " + digest + ", not the image id");
        }
        if (copied != uploaded.bytes()) {
            warnings.add("the stored original has " + copied + " bytes; the upload announced " + uploaded.bytes());
        }
    }

    /** Copies, telling a failing read from S3 (retry) apart from a failing write to the local disk. */
    private static long transfer(InputStream in, OutputStream out, String key) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw new StorageException("read " + key, e);
            }
            if (n < 0) {
                return total;
            }
            out.write(buffer, 0, n);
            total += n;
        }
    }

    /**
     * The metadata with problems found outside the metadata reader appended, and the size from the
     * decoder when the file's header did not give one.
     */
    private static ImageMetadata complete(ImageMetadata m, List<String> extra, RenditionSet set) {
        boolean needsSize = set != null && (m.width() == null || m.height() == null);
        if (extra.isEmpty() && !needsSize) {
            return m;
        }
        List<String> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(extra);
        Map<String, String> provenance = m.provenance();
        Integer width = m.width();
        Integer height = m.height();
        if (needsSize) {
            width = set.width();
            height = set.height();
            provenance = new HashMap<>(provenance);
            provenance.put("width", "decoder:width");
            provenance.put("height", "decoder:height");
        }
        return m.toBuilder().width(width).height(height).provenance(provenance).warnings(warnings).build();
    }

    private Path createTempFile() {
        try {
            Files.createDirectories(tempDir);
            // A neutral suffix: every reader below sniffs the format from the bytes, never from a name.
            return Files.createTempFile(tempDir, "original-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + tempDir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file costs disk space, not correctness; the OS temp cleaner takes it.
        }
    }
}
