package media.archive.api.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of every image the topics have told of, on local disk. One thread applies batches
 * of Kafka records ({@link IndexWriterLoop}); any number of threads read through
 * {@link #find(ImageId)} and {@link #withSearcher(SearcherCall)}, seeing each batch as soon as
 * it is applied. Each batch is one Lucene commit holding both the documents and the offsets
 * after the batch, so after a crash the index and its offsets agree and no event is applied
 * twice or lost.
 *
 * <p>Readers are thread-safe; {@code apply} must be called from one thread at a time.
 */
public final class ImageIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);


    private final Analyzer analyzer;
    private final IndexLifecycle lifecycle;
    private volatile Map<TopicPartition, Long> committedOffsets;
    // Touched by the writing thread only: batches staged since the last commit.
    private final Map<TopicPartition, Long> stagedOffsets = new HashMap<>();
    /**
     * Images whose upload or outcome is still missing: their documents are written at the
     * commit, unless the missing event arrives first. Their states stay here until then.
     */
    private final Map<ImageId, ImageState> pending = new LinkedHashMap<>();
    /**
     * Images written since readers were last refreshed. Their states are not kept (the documents
     * hold them), so memory does not grow with the images between commits; a later event about one
     * of them refreshes the readers first and reads its document back.
     */
    private final Set<ImageId> written = new HashSet<>();
    /** How many times an event about an image of {@link #written} made readers refresh early. */
    private int lookupRefreshes;
    /** Writes documents while the next batch is read and staged; one write at a time. */
    private final ExecutorService writing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "index-writing");
        thread.setDaemon(true);
        return thread;
    });
    /** The documents being written, or null. Touched by the thread that stages batches only. */
    private Future<?> writeInFlight;
    // Touched by the writing thread only: which ids the index being written may hold.
    private KnownIds knownIds;
    private boolean stagedRecords;
    private volatile boolean broken;
    private final List<Consumer<ImageId>> changeListeners = new CopyOnWriteArrayList<>();
    /** How much buffered in the writer is worth flushing on every core before a commit. */
    private static final long PARALLEL_FLUSH_BYTES = 16L * 1024 * 1024;
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
        IndexWriter writer = lifecycle.writer();
        SearcherManager searchers = lifecycle.searchers();
        this.committedOffsets = CommitData.offsets(writer.getLiveCommitData());
        this.stagedOffsets.putAll(committedOffsets);
        this.knownIds = knownIds(searchers);
    }

    private static KnownIds knownIds(SearcherManager manager) throws IOException {
        IndexSearcher searcher = manager.acquire();
        try {
            return KnownIds.of(searcher.getIndexReader());
        } finally {
            manager.release(searcher);
        }
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
        changeListeners.add(listener);
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
        return committedOffsets;
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
        if (broken) {
            throw new IllegalStateException("an earlier batch failed; reopen the index");
        }
        if (records.isEmpty()) {
            return new BatchOutcome(0, 0, 0);
        }
        try {
            // Reading the JSON is a good part of the work, and each record reads on its own.
            List<EventReader.Reading> readings = records.parallelStream().map(record -> EventReader.read(record.value())).toList();
            refreshIfWritten(readings);
            int applied = 0;
            int ignored = 0;
            int malformed = 0;
            Set<ImageId> touched = new LinkedHashSet<>();
            SearcherManager searchers = lifecycle.searchers();
            IndexSearcher searcher = searchers.acquire();
            try {
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<String, byte[]> record = records.get(i);
                    stagedOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                    EventReader.Reading reading = readings.get(i);
                    if (reading instanceof EventReader.Event event) {
                        ImageId id = event.event().id();
                        ImageState current = pending.get(id);
                        if (current == null) {
                            // Rebuilding, most events are the first of their image: no lookup then.
                            current = knownIds.mayContain(id.value()) ? stored(searcher, id) : ImageState.empty(id);
                        }
                        pending.put(id, current.with(event.event(), record.value()));
                        touched.add(id);
                        applied++;
                    } else if (reading instanceof EventReader.Ignored ignoredEvent) {
                        LOG.debug("ignored {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ignoredEvent.why());
                        ignored++;
                    } else if (reading instanceof EventReader.Malformed bad) {
                        LOG.warn("skipped malformed event {}-{}@{} (key {}): {}",
                                record.topic(), record.partition(), record.offset(), abbreviate(record.key()), bad.why());
                        malformed++;
                    }
                }
            } finally {
                searchers.release(searcher);
            }
            stagedRecords = true;
            // An image whose upload and outcome are both known rarely changes again: write it now,
            // while the next batch is fetched, rather than at the commit. Only an event can
            // complete an image, so only the images of this batch need looking at.
            List<ImageId> complete = new ArrayList<>();
            for (ImageId id : touched) {
                if (pending.get(id).isComplete()) {
                    complete.add(id);
                }
            }
            write(complete);
            return new BatchOutcome(applied, ignored, malformed);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /**
     * Makes the documents written since the last refresh visible to this index's lookups when
     * the batch has an event about one of them, whose document must be read back before the
     * event can be merged into it. Rare: an image's events are usually all read before it is
     * written (see {@link PartitionAlignment}), and later ones usually after a commit.
     */
    private void refreshIfWritten(List<EventReader.Reading> readings) throws IOException {
        if (written.isEmpty()) {
            return;
        }
        for (EventReader.Reading reading : readings) {
            if (reading instanceof EventReader.Event event && written.contains(event.event().id())) {
                refresh();
                lookupRefreshes++;
                return;
            }
        }
    }

    /** Refreshes readers and tells the listeners which images they now see changed. */
    private void refresh() throws IOException {
        awaitWrite();
        lifecycle.searchers().maybeRefreshBlocking();
        for (ImageId id : written) {
            changeListeners.forEach(listener -> listener.accept(id));
        }
        written.clear();
    }

    /**
     * Starts writing the documents of {@code ids} from their pending states, replacing what the
     * index held of them, once the documents written before are done. The writing goes on while
     * the caller reads the next batch; {@link #awaitWrite()} waits for it.
     */
    private void write(Collection<ImageId> ids) throws IOException {
        awaitWrite();
        if (ids.isEmpty()) {
            return;
        }
        List<Write> writes = new ArrayList<>(ids.size());
        for (ImageId id : ids) {
            writes.add(new Write(id, pending.remove(id), knownIds.mayContain(id.value())));
            knownIds.add(id.value());
            written.add(id);
        }
        IndexWriter writer = lifecycle.writer();
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

    /** An image's document to write, and whether it may replace one the index holds or was given. */
    private record Write(ImageId id, ImageState state, boolean mayReplace) {
    }

    /** Waits for the documents being written, if any; their failure is the index's. */
    private void awaitWrite() throws IOException {
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

    /** How many images batches changed since the last commit. */
    int stagedImages() {
        return pending.size() + written.size();
    }

    /** How many times, since the last call, an event about a document not yet visible made readers refresh early. */
    int takeLookupRefreshes() {
        int count = lookupRefreshes;
        lookupRefreshes = 0;
        return count;
    }

    /** Whether batches were staged since the last commit. */
    boolean hasStaged() {
        return stagedRecords;
    }

    /**
     * Makes every staged batch visible to searchers and durable, in one Lucene commit that also
     * holds the offsets after them. After a crash the index resumes from the last commit's
     * offsets; the staged batches are read again and applied once.
     */
    void commit() throws IOException {
        if (broken) {
            throw new IllegalStateException("an earlier batch failed; reopen the index");
        }
        if (!stagedRecords) {
            return;
        }
        try {
            write(List.copyOf(pending.keySet()));
            awaitWrite();
            flushInParallel();
            IndexWriter writer = lifecycle.writer();
            writer.setLiveCommitData(CommitData.of(stagedOffsets).entrySet());
            // Readers see the batch first: refreshing does not need the commit's fsync. Should the
            // commit fail, the batch is applied again from the committed offsets after a restart.
            refresh();
            writer.commit();
            committedOffsets = Map.copyOf(stagedOffsets);
            stagedRecords = false;
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /**
     * Flushes the segments being written, one per core at a time, when there is much to flush
     * (while catching up). A refresh or commit would flush them one after another on this
     * thread, with the other cores idle for a second or more.
     */
    private void flushInParallel() {
        IndexWriter writer = lifecycle.writer();
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

    private void awaitWritingStopped() {
        try {
            if (!writing.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("documents were still being written when the index was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits what is staged and closes the index. */
    @Override
    public void close() {
        try {
            try {
                lifecycle.closeSearchers();
            } finally {
                try {
                    if (!broken && lifecycle.writer().isOpen()) {
                        // The offsets staged must not be committed without the documents staged with them.
                        write(List.copyOf(pending.keySet()));
                        awaitWrite();
                        lifecycle.writer().setLiveCommitData(CommitData.of(stagedOffsets).entrySet());
                        lifecycle.writer().commit();
                    }
                } finally {
                    // After a failure, documents may still be being written: let them finish before closing.
                    writing.shutdown();
                    awaitWritingStopped();
                    lifecycle.closeWriter();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index", e);
        } finally {
            lifecycle.closeFiles();
        }
    }

    private ImageState stored(IndexSearcher searcher, ImageId id) throws IOException {
        // A direct term lookup per segment: cheaper than a query, and this runs once per event.
        BytesRef term = new BytesRef(id.value());
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            org.apache.lucene.index.Terms terms = leaf.reader().terms(IndexFields.ID);
            if (terms == null) {
                continue;
            }
            org.apache.lucene.index.TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(term)) {
                continue;
            }
            org.apache.lucene.index.PostingsEnum postings = termsEnum.postings(null, org.apache.lucene.index.PostingsEnum.NONE);
            org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
            for (int doc = postings.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return ImageState.fromDocument(leaf.reader().storedFields().document(doc, ImageState.STORED_FIELDS));
                }
            }
        }
        return ImageState.empty(id);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "none";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
