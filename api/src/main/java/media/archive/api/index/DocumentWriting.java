package media.archive.api.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import media.archive.contracts.ImageId;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the documents of staged images on a thread of its own ({@code index-writing}), on every
 * core, while the next batch is read and staged: analysing documents is most of the cost of
 * indexing. One write at a time.
 *
 * <p>Not thread-safe: used by the thread that stages batches only (its writes run on the
 * writing thread and the common pool).
 */
final class DocumentWriting {
    // Logged as the index: the name operators know its messages by.
    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);
    /** How much buffered in the writer is worth flushing on every core before a commit. */
    private static final long PARALLEL_FLUSH_BYTES = 16L * 1024 * 1024;

    /** Writes documents while the next batch is read and staged; one write at a time. */
    private final ExecutorService writing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "index-writing");
        thread.setDaemon(true);
        return thread;
    });
    /** The documents being written, or null. */
    private Future<?> writeInFlight;

    /** An image's document to write, and whether it may replace one the index holds or was given. */
    record Write(ImageId id, ImageState state, boolean mayReplace) {
    }

    /**
     * Starts writing {@code writes} with {@code writer}, text analysed with {@code analyzer};
     * {@link #await()} waits for them. The writes before must have been awaited.
     */
    void start(List<Write> writes, IndexWriter writer, Analyzer analyzer) {
        // Each image is one entry, so the documents can be analysed and added in parallel: the
        // writer takes concurrent updates, and analysis is most of the work.
        writeInFlight = writing.submit(() -> writes.parallelStream().forEach(write -> {
            try {
                Document document = ImageDocuments.document(write.id(), write.state(), analyzer);
                if (write.mayReplace()) {
                    writer.updateDocument(new Term(IndexFields.ID, write.id().value()), document);
                } else {
                    // No document of the image can exist: adding spares the writer a delete to
                    // buffer and apply (every image of a rebuild is such an image).
                    writer.addDocument(document);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** Waits for the documents being written, if any; their failure is the index's. */
    void await() throws IOException {
        Future<?> inFlight = writeInFlight;
        if (inFlight == null) {
            return;
        }
        writeInFlight = null;
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while documents were being written");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Flushes the segments being written, one per core at a time, when there is much to flush
     * (while catching up). A refresh or commit would flush them one after another on this
     * thread, with the other cores idle for a second or more.
     */
    static void flushInParallel(IndexWriter writer) {
        if (writer.ramBytesUsed() < PARALLEL_FLUSH_BYTES) {
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        IntStream.range(0, cores).parallel().forEach(core -> {
            try {
                writer.flushNextBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Stops the writing thread once the documents being written, if any, are done (a minute at most). */
    void stop() {
        writing.shutdown();
        try {
            if (!writing.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("documents were still being written when the index was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
