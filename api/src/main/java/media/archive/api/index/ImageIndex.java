package media.archive.api.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.LongValues;
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

    /**
     * The shape of the documents. When it changes (a new field, events that were ignored
     * before), an index of another format is rebuilt from the topics beside the old one, which
     * answers searches until the new one has caught up.
     */
    static final String FORMAT = "7";
    static final String FORMAT_KEY = "archive.index.format";
    private static final String OFFSET_PREFIX = "offset:";
    private static final Set<String> EVENT_FIELDS = Set.of(IndexFields.UPLOADED_JSON, IndexFields.OUTCOME_JSON, IndexFields.EDITS_JSON);

    private final Path dir;
    private final Analyzer analyzer;
    // The index being written, and the manager of its searchers; replaced once, when a rebuild is promoted.
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    /** What readers see: the index being written, or while it is rebuilt, the previous index. */
    private volatile SearcherManager serving;
    private Directory previousDirectory;
    private volatile boolean rebuilding;
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
    /** How many records {@link #record} keeps read: a few KB each. */
    private static final int MAX_CACHED_RECORDS = 20_000;
    /** How much buffered in the writer is worth flushing on every core before a commit. */
    private static final long PARALLEL_FLUSH_BYTES = 16L * 1024 * 1024;
    private final ConcurrentMap<RecordKey, ImageRecord> records = new ConcurrentHashMap<>();

    /** What {@link #apply(List)} did with one batch. */
    record BatchOutcome(int applied, int ignored, int malformed) {
    }

    private static final String PENDING_FIELD = "pending_edits";
    /** Documents that hold only edits of an image whose upload has not been read yet; no search may return them. */
    public static final Query PENDING_EDITS = new TermQuery(new Term(PENDING_FIELD, "true"));

    /** Whether {@code searcher}'s view may hold documents of {@link #PENDING_EDITS} (counting deleted ones too). */
    public static boolean hasPendingEdits(IndexSearcher searcher) throws IOException {
        return searcher.getIndexReader().docFreq(new Term(PENDING_FIELD, "true")) > 0;
    }

    /** Work done with a searcher that is released afterwards. */
    @FunctionalInterface
    public interface SearcherCall<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private ImageIndex(Path dir, Analyzer analyzer, Directory directory, IndexWriter writer, Directory previous)
            throws IOException {
        this.dir = dir;
        this.analyzer = analyzer;
        this.directory = directory;
        this.writer = writer;
        // applyAllDeletes: an updated document must replace the old one for readers at once.
        this.searchers = new SearcherManager(writer, true, false, new FacetSearcherFactory());
        this.previousDirectory = previous;
        this.rebuilding = previous != null;
        this.serving = previous == null ? searchers : new SearcherManager(previous, new FacetSearcherFactory());
        this.committedOffsets = offsetsOf(writer.getLiveCommitData());
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
        Directory directory = null;
        Directory previous = null;
        try {
            Path rebuild = rebuildDir(dir);
            if (!Files.exists(dir) && Files.exists(rebuild)) {
                // Stopped half-way through a promotion: the rebuilt index is the index.
                Files.move(rebuild, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.createDirectories(dir);
            Path target = dir;
            try (Directory existing = FSDirectory.open(dir)) {
                if (DirectoryReader.indexExists(existing)) {
                    String format = SegmentInfos.readLatestCommit(existing).getUserData().get(FORMAT_KEY);
                    if (!FORMAT.equals(format)) {
                        LOG.info("index in {} has format {}, this version writes {}: rebuilding it from the topics in {}, "
                                + "serving the old one meanwhile", dir, format, FORMAT, rebuild);
                        target = rebuild;
                    }
                }
            }
            if (target == dir) {
                IOUtils.rm(rebuild);
            } else {
                previous = FSDirectory.open(dir);
            }
            directory = openDirectory(target);
            IndexWriter writer = openWriter(directory, analyzer, target);
            return new ImageIndex(dir, analyzer, directory, writer, previous);
        } catch (IOException e) {
            closeQuietly(directory);
            closeQuietly(previous);
            analyzer.close();
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

    private static Directory openDirectory(Path path) throws IOException {
        Files.createDirectories(path);
        return FSDirectory.open(path);
    }

    /** A writer on {@code directory}, starting a new index there unless one of this format exists. */
    private static IndexWriter openWriter(Directory directory, Analyzer analyzer, Path path) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                // A batch that failed half-way must not reach the disk without its offsets.
                .setCommitOnClose(false)
                // Rebuilding writes many documents per commit; a larger buffer means fewer, larger segments.
                .setRAMBufferSizeMB(64)
                // Compound files save file handles at the cost of copying every new segment once more.
                .setUseCompoundFile(false);
        // No index sort: sorting each new segment, and merging sorted segments document by
        // document, cost a rebuild more than the listings gained, now that large segments
        // answer repeated searches from the hits remembered of them (measured: 13,600 events/s
        // sorted, 15,100 unsorted, at a million images).
        if (config.getMergePolicy() instanceof org.apache.lucene.index.TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0.0);
        }
        boolean fresh = !DirectoryReader.indexExists(directory);
        if (!fresh) {
            String format = SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
            if (!FORMAT.equals(format)) {
                LOG.info("index in {} has format {}, this version writes {}: starting it again", path, format, FORMAT);
                fresh = true;
            }
        }
        config.setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        IndexWriter writer = new IndexWriter(directory, config);
        if (fresh) {
            writer.setLiveCommitData(commitData(Map.of()).entrySet());
            writer.commit();
        }
        return writer;
    }

    /** Whether readers are served by the previous index while a new one is built from the topics. */
    public boolean isServingPrevious() {
        return rebuilding;
    }

    /**
     * Once a rebuild has caught up with the topics, makes it the index: commits it, moves it in
     * place of the previous one (which is then deleted) and switches readers over. Readers never
     * wait: they see the previous index until the switch, the rebuilt one after. Does nothing
     * when no rebuild is going on. Called by the writing thread.
     */
    void promoteRebuild() throws IOException {
        if (!rebuilding) {
            return;
        }
        commit();
        searchers.close();
        writer.close();
        directory.close();
        Path rebuild = rebuildDir(dir);
        Path retired = dir.resolveSibling(dir.getFileName() + ".previous");
        IOUtils.rm(retired);
        // Open readers of the previous index keep their files open; moving and deleting them is safe.
        Files.move(dir, retired, StandardCopyOption.ATOMIC_MOVE);
        Files.move(rebuild, dir, StandardCopyOption.ATOMIC_MOVE);
        directory = FSDirectory.open(dir);
        writer = openWriter(directory, analyzer, dir);
        searchers = new SearcherManager(writer, true, false, new FacetSearcherFactory());
        SearcherManager previous = serving;
        serving = searchers;
        rebuilding = false;
        previous.close();
        closeQuietly(previousDirectory);
        previousDirectory = null;
        IOUtils.rm(retired);
        LOG.info("rebuilt index caught up with the topics and now answers searches from {}", dir);
    }

    private static Path rebuildDir(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".rebuild");
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
            return Optional.ofNullable(ImageState.fromDocument(searcher.storedFields().document(top.scoreDocs[0].doc, EVENT_FIELDS)).record());
        });
    }

    /** Runs {@code call} with the newest searcher, releasing it afterwards. */
    public <T> T withSearcher(SearcherCall<T> call) {
        try {
            SearcherManager manager = serving;
            IndexSearcher searcher = manager.acquire();
            try {
                return call.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    /**
     * What counts the facets of {@code searcher}'s view (made once per view, by the thread that
     * refreshed it, so no query pays for it), or null while no image has a facet value.
     */
    public static SortedSetDocValuesReaderState facetState(IndexSearcher searcher) {
        return searcher instanceof FacetSearcher facets ? facets.state : null;
    }

    /** The perceptual hash of image {@code id}, empty when the image or its hash is unknown. */
    public Optional<Long> perceptualHash(ImageId id) {
        return find(id).map(ImageRecord::appearance)
                .map(appearance -> appearance.perceptualHash())
                .map(java.util.HexFormat::fromHexDigitsToLong);
    }

    /**
     * What the relevance scores of {@code searcher} are computed with, as an identity: two views
     * with the same one score every document the same (see {@link ScoringStatistics}), so a
     * segment's best hits found in one hold in the other. Null for a searcher this index did not make.
     */
    public static Object scoringEpoch(IndexSearcher searcher) {
        return searcher instanceof FacetSearcher facets ? facets.statistics : null;
    }

    /**
     * The global facet ordinal (of {@link #facetState}) of each facet ordinal of segment
     * {@code segment} of {@code searcher}'s view, made once per view and segment: counting facets
     * per segment then adds counts into global ones by array lookups. Null when the view's facet
     * ordinals are the segment's own (a single segment) or it has no facets.
     */
    public static int[] globalFacetOrdinals(IndexSearcher searcher, int segment) throws IOException {
        return searcher instanceof FacetSearcher facets ? facets.globalOrdinals(segment) : null;
    }

    /** The facet path ({@code dimension}, {@code value}) of global facet ordinal {@code ordinal} of {@code searcher}'s view. */
    public static String[] facetPath(IndexSearcher searcher, int ordinal) throws IOException {
        if (!(searcher instanceof FacetSearcher facets)) {
            throw new IllegalArgumentException("not a searcher of this index");
        }
        return facets.path(ordinal);
    }

    /** A searcher that carries the facet ordinals of its view and scores with kept statistics. */
    private static final class FacetSearcher extends IndexSearcher {
        private final SortedSetDocValuesReaderState state;
        private final ScoringStatistics statistics;
        private final AtomicReferenceArray<int[]> globalOrdinals;
        private final ConcurrentMap<Integer, String[]> paths = new ConcurrentHashMap<>();
        /** The view's facet values, made on first use (making them reads every segment's terms); guarded by this. */
        private SortedSetDocValues facetValues;

        FacetSearcher(IndexReader reader, ScoringStatistics statistics) throws IOException {
            super(reader);
            this.state = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, IndexFields.FACETS) : null;
            this.statistics = statistics;
            this.globalOrdinals = new AtomicReferenceArray<>(reader.leaves().size());
        }

        @Override
        public org.apache.lucene.search.TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
            return statistics.term(term, super.termStatistics(term, docFreq, totalTermFreq), collectionStatistics(term.field()));
        }

        @Override
        public org.apache.lucene.search.CollectionStatistics collectionStatistics(String field) throws IOException {
            return statistics.field(field, () -> super.collectionStatistics(field));
        }

        int[] globalOrdinals(int segment) throws IOException {
            if (state == null || getIndexReader().leaves().size() == 1) {
                return null;
            }
            int[] ordinals = globalOrdinals.get(segment);
            if (ordinals == null) {
                ordinals = mapToGlobal(segment);
                globalOrdinals.set(segment, ordinals);
            }
            return ordinals;
        }

        private synchronized int[] mapToGlobal(int segment) throws IOException {
            var multi = (MultiDocValues.MultiSortedSetDocValues) facetValues();
            LongValues toGlobal = multi.mapping.getGlobalOrds(segment);
            int[] ordinals = new int[(int) multi.values[segment].getValueCount()];
            for (int ord = 0; ord < ordinals.length; ord++) {
                ordinals[ord] = (int) toGlobal.get(ord);
            }
            return ordinals;
        }

        String[] path(int ordinal) throws IOException {
            String[] path = paths.get(ordinal);
            if (path == null) {
                path = lookUp(ordinal);
                paths.put(ordinal, path);
            }
            return path;
        }

        private synchronized String[] lookUp(int ordinal) throws IOException {
            return FacetsConfig.stringToPath(facetValues().lookupOrd(ordinal).utf8ToString());
        }

        private SortedSetDocValues facetValues() throws IOException {
            if (facetValues == null) {
                facetValues = state.getDocValues();
            }
            return facetValues;
        }

        private static boolean hasFacets(IndexReader reader) {
            for (LeafReaderContext leaf : reader.leaves()) {
                if (leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) != null) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Makes the searchers of one index, handing each the scoring statistics of its time. Called by one refreshing thread at a time. */
    private static final class FacetSearcherFactory extends SearcherFactory {
        private ScoringStatistics statistics;

        @Override
        public synchronized IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            statistics = ScoringStatistics.renew(statistics, reader);
            return new FacetSearcher(reader, statistics);
        }
    }

    /** The record stored in document {@code doc} of {@code searcher}'s view. */
    public ImageRecord record(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        // A segment's documents never change (an updated image is a new document elsewhere), so a
        // record read once serves every later view that still has the segment.
        RecordKey key = core == null ? null : new RecordKey(core.getKey(), doc - leaf.docBase);
        ImageRecord record = key == null ? null : records.get(key);
        if (record != null) {
            return record;
        }
        Document document = searcher.storedFields().document(doc, EVENT_FIELDS);
        record = ImageState.fromDocument(document).record();
        if (record == null) {
            throw new IllegalStateException("document " + doc + " holds edits of an image not uploaded yet");
        }
        if (key != null) {
            if (records.size() >= MAX_CACHED_RECORDS) {
                // Crude but bounded: start again rather than track the least recently used.
                records.clear();
            }
            records.put(key, record);
        }
        return record;
    }

    private record RecordKey(Object segment, int doc) {
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
        searchers.maybeRefreshBlocking();
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
        // Each image is one entry, so the documents can be analysed and added in parallel: the
        // writer takes concurrent updates, and analysis is most of the work.
        writeInFlight = writing.submit(() -> writes.parallelStream().forEach(write -> {
            try {
                Document document = document(write.id(), write.state());
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
            writer.setLiveCommitData(commitData(stagedOffsets).entrySet());
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
                if (serving != searchers) {
                    serving.close();
                }
                searchers.close();
            } finally {
                try {
                    if (!broken && writer.isOpen()) {
                        // The offsets staged must not be committed without the documents staged with them.
                        write(List.copyOf(pending.keySet()));
                        awaitWrite();
                        writer.setLiveCommitData(commitData(stagedOffsets).entrySet());
                        writer.commit();
                    }
                } finally {
                    // After a failure, documents may still be being written: let them finish before closing.
                    writing.shutdown();
                    awaitWritingStopped();
                    writer.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index", e);
        } finally {
            closeQuietly(directory);
            closeQuietly(previousDirectory);
            analyzer.close();
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
                    return ImageState.fromDocument(leaf.reader().storedFields().document(doc, EVENT_FIELDS));
                }
            }
        }
        return ImageState.empty(id);
    }

    private Document document(ImageId id, ImageState state) {
        ImageRecord record = state.record();
        // Edits that arrived before their image are kept, but found by nothing until it arrives.
        Document doc = record == null ? new Document() : ImageDocuments.document(record, analyzer);
        if (record == null) {
            doc.add(new StringField(PENDING_FIELD, "true", Field.Store.NO));
        }
        doc.add(new StringField(IndexFields.ID, id.value(), Field.Store.YES));
        if (state.uploadedJson() != null) {
            doc.add(new StoredField(IndexFields.UPLOADED_JSON, state.uploadedJson()));
        }
        if (state.outcomeJson() != null) {
            doc.add(new StoredField(IndexFields.OUTCOME_JSON, state.outcomeJson()));
        }
        if (state.edited() != null) {
            doc.add(new StoredField(IndexFields.EDITS_JSON, Json.toBytes(state.edited())));
        }
        return doc;
    }

    private static Map<String, String> commitData(Map<TopicPartition, Long> offsets) {
        Map<String, String> data = new TreeMap<>();
        data.put(FORMAT_KEY, FORMAT);
        offsets.forEach((tp, offset) -> data.put(OFFSET_PREFIX + tp.topic() + ":" + tp.partition(), Long.toString(offset)));
        return data;
    }

    private static Map<TopicPartition, Long> offsetsOf(Iterable<Map.Entry<String, String>> commitData) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (commitData == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> entry : commitData) {
            String key = entry.getKey();
            if (!key.startsWith(OFFSET_PREFIX)) {
                continue;
            }
            int colon = key.lastIndexOf(':');
            String topic = key.substring(OFFSET_PREFIX.length(), colon);
            offsets.put(new TopicPartition(topic, Integer.parseInt(key.substring(colon + 1))), Long.parseLong(entry.getValue()));
        }
        return Map.copyOf(offsets);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "none";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static void closeQuietly(Directory directory) {
        if (directory == null) {
            return;
        }
        try {
            directory.close();
        } catch (IOException e) {
            LOG.warn("cannot close index directory: {}", e.getMessage());
        }
    }
}
