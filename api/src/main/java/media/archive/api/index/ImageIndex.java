package media.archive.api.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The index of every image the topics have told of, on local disk. One thread applies batches
 * of Kafka records ({@link IndexWriterLoop}); any number of threads read through
 * {@link #find(ImageId)} and {@link #withSearcher(SearcherCall)}, seeing each batch as soon as
 * it is applied. Each batch is one Lucene commit holding both the documents and the offsets
 * after the batch, so after a crash the index and its offsets agree and no event is applied
 * twice or lost.
 *
 * <p>This class is the package's face; the work is done behind it: {@link IndexLifecycle}
 * (opening, the format check, rebuilding beside the previous index), {@link EventStaging} and
 * {@link DocumentWriting} (applying batches), {@link CommitData} (the offsets in each commit),
 * {@link ImageSearcher} (one view, as searches read it) and {@link RecordCache}.
 *
 * <p>Readers are thread-safe; {@code apply} must be called from one thread at a time.
 */
public final class ImageIndex implements Closeable {
    private final Analyzer analyzer;
    private final IndexLifecycle lifecycle;
    private final EventStaging staging;
    private final RecordCache recordCache = new RecordCache();

    /** What {@link #apply(List)} did with one batch. */
    record BatchOutcome(int applied, int ignored, int malformed) {
    }

    /** Work done with a searcher that is released afterwards. */
    @FunctionalInterface
    public interface SearcherCall<T> {
        T apply(ImageSearcher searcher) throws IOException;
    }

    private ImageIndex(Analyzer analyzer, IndexLifecycle lifecycle) throws IOException {
        this.analyzer = analyzer;
        this.lifecycle = lifecycle;
        this.staging = new EventStaging(lifecycle, analyzer);
    }

    /**
     * Opens the index in {@code dir}, creating it (and the directory) when there is none.
     *
     * <p>When {@code dir} holds an index of another format, that index keeps answering readers
     * while a new one is built beside it (in {@code <dir>.rebuild}, which survives restarts and
     * resumes from its own offsets); {@link #promoteRebuild()} replaces the old one once the new
     * one has caught up.
     */
    public static ImageIndex open(Path dir) {
        Analyzer analyzer = new ArchiveAnalyzer();
        IndexLifecycle lifecycle = null;
        try {
            lifecycle = IndexLifecycle.open(dir, analyzer);
            return new ImageIndex(analyzer, lifecycle);
        } catch (IOException e) {
            if (lifecycle != null) {
                lifecycle.closeFiles();
            } else {
                analyzer.close();
            }
            throw new UncheckedIOException("cannot open the index in " + dir, e);
        }
    }

    /**
     * Calls {@code listener} with the id of every image a batch changed, once readers see the
     * change (so caches of records can be dropped then). Called on the writer's thread: keep it quick.
     */
    public void addChangeListener(Consumer<ImageId> listener) {
        staging.addChangeListener(listener);
    }

    /** Whether readers are served by the previous index while a new one is built from the topics. */
    public boolean isServingPrevious() {
        return lifecycle.isServingPrevious();
    }

    /**
     * Once a rebuild has caught up with the topics, makes it the index: commits it, moves it in
     * place of the previous one (which is then deleted) and switches readers over. Readers never
     * wait: they see the previous index until the switch, the rebuilt one after. Does nothing
     * when no rebuild is going on. Called by the writing thread.
     */
    void promoteRebuild() throws IOException {
        if (!lifecycle.isServingPrevious()) {
            return;
        }
        commit();
        lifecycle.promote();
    }

    /** The analyzer the text fields were indexed with; queries must use the same. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** The record of image {@code id}, or empty when no event about it was applied yet. */
    public Optional<ImageRecord> find(ImageId id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id.value())), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<ImageRecord>empty();
            }
            return Optional.ofNullable(ImageState.fromDocument(searcher.storedFields().document(top.scoreDocs[0].doc, ImageState.STORED_FIELDS)).record());
        });
    }

    /** Runs {@code call} with the newest searcher, releasing it afterwards. */
    public <T> T withSearcher(SearcherCall<T> call) {
        try {
            SearcherManager manager = lifecycle.serving();
            ImageSearcher searcher = (ImageSearcher) manager.acquire();
            try {
                return call.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    /** The perceptual hash of image {@code id}, empty when the image or its hash is unknown. */
    public Optional<Long> perceptualHash(ImageId id) {
        return find(id).map(ImageRecord::appearance)
                .map(appearance -> appearance.perceptualHash())
                .map(java.util.HexFormat::fromHexDigitsToLong);
    }

    /** The record stored in document {@code doc} of {@code searcher}'s view. */
    public ImageRecord record(IndexSearcher searcher, int doc) throws IOException {
        return recordCache.record(searcher, doc);
    }

    /** The offset after the last record applied per partition, as stored in the last commit. */
    Map<TopicPartition, Long> committedOffsets() {
        return staging.committedOffsets();
    }

    /**
     * Applies one batch of records from the topics and commits it with the offsets after it.
     * Events that cannot be read are counted and skipped; an {@link IOException} from the
     * index itself is not recoverable here and leaves the index closed to further batches.
     */
    BatchOutcome apply(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        BatchOutcome outcome = stage(records);
        commit();
        return outcome;
    }

    /**
     * Applies one batch of records without making it visible or durable yet; a later
     * {@link #commit()} does both for every staged batch at once, with the offsets after them.
     * Staging many batches per commit is what makes rebuilding from the topics fast: an image is
     * written when both its upload and its processing outcome are known (they come from
     * different topics, often in different batches), or at the commit, not once per event; and
     * a commit (an fsync) and a refresh per poll would cost more than the documents themselves.
     */
    BatchOutcome stage(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        return staging.stage(records);
    }

    /** How many images batches changed since the last commit. */
    int stagedImages() {
        return staging.stagedImages();
    }

    /** How many times, since the last call, an event about a document not yet visible made readers refresh early. */
    int takeLookupRefreshes() {
        return staging.takeLookupRefreshes();
    }

    /** Whether batches were staged since the last commit. */
    boolean hasStaged() {
        return staging.hasStaged();
    }

    /**
     * Makes every staged batch visible to searchers and durable, in one Lucene commit that also
     * holds the offsets after them. After a crash the index resumes from the last commit's
     * offsets; the staged batches are read again and applied once.
     */
    void commit() throws IOException {
        staging.commit();
    }

    /** Commits what is staged and closes the index. */
    @Override
    public void close() {
        try {
            try {
                lifecycle.closeSearchers();
            } finally {
                try {
                    staging.close();
                } finally {
                    lifecycle.closeWriter();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index", e);
        } finally {
            lifecycle.closeFiles();
        }
    }
}
