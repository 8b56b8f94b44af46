package media.archive.api.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import media.archive.contracts.ImageId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches of events to the index being written: merges each event into its image's state
 * ({@link ImageState}), read back from the image's document when the index may hold one; has
 * the documents of complete images written while the next batch is read ({@link DocumentWriting});
 * and at a commit writes the rest and commits them with the offsets after every staged batch
 * ({@link CommitData}), refreshing readers and telling the change listeners first. A failure
 * leaves it closed to further batches.
 *
 * <p>Not thread-safe: one thread stages and commits (the index's writing thread);
 * {@link #committedOffsets()} and {@link #addChangeListener} may be called from any thread.
 */
final class EventStaging {
    // Logged as the index: the name operators know its messages by.
    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);

    private final IndexLifecycle lifecycle;
    private final Analyzer analyzer;
    private final DocumentWriting writing = new DocumentWriting();
    private volatile Map<TopicPartition, Long> committedOffsets;
    /** Batches staged since the last commit. */
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
    /** Which ids the index being written may hold. */
    private final KnownIds knownIds;
    private boolean stagedRecords;
    private volatile boolean broken;
    private final List<Consumer<ImageId>> changeListeners = new CopyOnWriteArrayList<>();

    /** Staging for the index {@code lifecycle} writes, resuming from the offsets of its last commit. */
    EventStaging(IndexLifecycle lifecycle, Analyzer analyzer) throws IOException {
        this.lifecycle = lifecycle;
        this.analyzer = analyzer;
        this.committedOffsets = CommitData.offsets(lifecycle.writer().getLiveCommitData());
        this.stagedOffsets.putAll(committedOffsets);
        this.knownIds = knownIds(lifecycle.searchers());
    }

    private static KnownIds knownIds(SearcherManager manager) throws IOException {
        IndexSearcher searcher = manager.acquire();
        try {
            return KnownIds.of(searcher.getIndexReader());
        } finally {
            manager.release(searcher);
        }
    }

    /** See {@link ImageIndex#addChangeListener}. */
    void addChangeListener(Consumer<ImageId> listener) {
        changeListeners.add(listener);
    }

    /** The offset after the last record applied per partition, as stored in the last commit. */
    Map<TopicPartition, Long> committedOffsets() {
        return committedOffsets;
    }

    /** See {@link ImageIndex#stage}. */
    ImageIndex.BatchOutcome stage(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        if (broken) {
            throw new IllegalStateException("an earlier batch failed; reopen the index");
        }
        if (records.isEmpty()) {
            return new ImageIndex.BatchOutcome(0, 0, 0);
        }
        try {
            // Reading the JSON is a good part of the work, and each record reads on its own.
            List<EventReader.Reading> readings = records.parallelStream()
                    .map(record -> EventReader.read(record.topic(), record.key(), record.value())).toList();
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
                        pending.put(id, current(searcher, id).with(event.event(), record.value()));
                        touched.add(id);
                        applied++;
                    } else if (reading instanceof EventReader.Erased erased) {
                        ImageId id = erased.id();
                        pending.put(id, current(searcher, id).erased(erased.topic()));
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
            return new ImageIndex.BatchOutcome(applied, ignored, malformed);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** The state of image {@code id} as staged, or as its document holds it. */
    private ImageState current(IndexSearcher searcher, ImageId id) throws IOException {
        ImageState current = pending.get(id);
        if (current == null) {
            // Rebuilding, most events are the first of their image: no lookup then.
            current = knownIds.mayContain(id.value()) ? stored(searcher, id) : ImageState.empty(id);
        }
        return current;
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
            ImageId id = reading instanceof EventReader.Event event ? event.event().id()
                    : reading instanceof EventReader.Erased erased ? erased.id() : null;
            if (id != null && written.contains(id)) {
                refresh();
                lookupRefreshes++;
                return;
            }
        }
    }

    /** Refreshes readers and tells the listeners which images they now see changed. */
    private void refresh() throws IOException {
        writing.await();
        lifecycle.searchers().maybeRefreshBlocking();
        for (ImageId id : written) {
            changeListeners.forEach(listener -> listener.accept(id));
        }
        written.clear();
    }

    /**
     * Starts writing the documents of {@code ids} from their pending states, replacing what the
     * index held of them, once the documents written before are done. The writing goes on while
     * the caller reads the next batch.
     */
    private void write(Collection<ImageId> ids) throws IOException {
        writing.await();
        if (ids.isEmpty()) {
            return;
        }
        List<DocumentWriting.Write> writes = new ArrayList<>(ids.size());
        for (ImageId id : ids) {
            writes.add(new DocumentWriting.Write(id, pending.remove(id), knownIds.mayContain(id.value())));
            knownIds.add(id.value());
            written.add(id);
        }
        writing.start(writes, lifecycle.writer(), analyzer);
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

    /** See {@link ImageIndex#commit}. */
    void commit() throws IOException {
        if (broken) {
            throw new IllegalStateException("an earlier batch failed; reopen the index");
        }
        if (!stagedRecords) {
            return;
        }
        try {
            write(List.copyOf(pending.keySet()));
            writing.await();
            IndexWriter writer = lifecycle.writer();
            DocumentWriting.flushInParallel(writer);
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
     * Commits what is staged, unless a batch failed (what it staged must not be committed), then
     * stops writing. Readers are not refreshed: they are closed by then.
     */
    void close() throws IOException {
        try {
            IndexWriter writer = lifecycle.writer();
            if (!broken && writer.isOpen()) {
                // The offsets staged must not be committed without the documents staged with them.
                write(List.copyOf(pending.keySet()));
                writing.await();
                writer.setLiveCommitData(CommitData.of(stagedOffsets).entrySet());
                writer.commit();
            }
        } finally {
            // After a failure, documents may still be being written: let them finish before closing.
            writing.stop();
        }
    }

    /** The state stored in the live document of image {@code id} in {@code searcher}'s view, empty when none. */
    private static ImageState stored(IndexSearcher searcher, ImageId id) throws IOException {
        // A direct term lookup per segment: cheaper than a query, and this runs once per event.
        BytesRef term = new BytesRef(id.value());
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IndexFields.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(term)) {
                continue;
            }
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
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
