package media.archive.api.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
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

    /**
     * The shape of the documents. When it changes (a new field, events that were ignored
     * before), an index of another format is dropped and rebuilt from the topics.
     */
    static final String FORMAT = "2";
    static final String FORMAT_KEY = "archive.index.format";
    private static final String OFFSET_PREFIX = "offset:";
    private static final Set<String> EVENT_FIELDS = Set.of(IndexFields.UPLOADED_JSON, IndexFields.OUTCOME_JSON);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile Map<TopicPartition, Long> committedOffsets;
    private volatile boolean broken;
    private final List<Consumer<ImageId>> changeListeners = new CopyOnWriteArrayList<>();

    /** What {@link #apply(List)} did with one batch. */
    record BatchOutcome(int applied, int ignored, int malformed) {
    }

    /** Work done with a searcher that is released afterwards. */
    @FunctionalInterface
    public interface SearcherCall<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private ImageIndex(Directory directory, Analyzer analyzer, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.analyzer = analyzer;
        this.writer = writer;
        // applyAllDeletes: an updated document must replace the old one for readers at once.
        this.searchers = new SearcherManager(writer, true, false, null);
        this.committedOffsets = offsetsOf(writer.getLiveCommitData());
    }

    /** Opens the index in {@code dir}, creating it (and the directory) when there is none. */
    public static ImageIndex open(Path dir) {
        Directory directory = null;
        Analyzer analyzer = new ArchiveAnalyzer();
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    // A batch that failed half-way must not reach the disk without its offsets.
                    .setCommitOnClose(false);
            boolean fresh = !DirectoryReader.indexExists(directory);
            if (!fresh) {
                String format = SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
                if (!FORMAT.equals(format)) {
                    LOG.info("index in {} has format {}, this version writes {}: rebuilding it from the topics",
                            dir, format, FORMAT);
                    fresh = true;
                }
            }
            config.setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            if (fresh) {
                writer.setLiveCommitData(commitData(Map.of()).entrySet());
                writer.commit();
            }
            return new ImageIndex(directory, analyzer, writer);
        } catch (IOException e) {
            closeQuietly(directory);
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

    /** The analyzer the text fields were indexed with; queries must use the same. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** The record of image {@code id}, or empty when no event about it was applied yet. */
    public Optional<ImageRecord> find(ImageId id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id.value())), 1);
            return top.scoreDocs.length == 0
                    ? Optional.<ImageRecord>empty()
                    : Optional.of(record(searcher, top.scoreDocs[0].doc));
        });
    }

    /** Runs {@code call} with the newest searcher, releasing it afterwards. */
    public <T> T withSearcher(SearcherCall<T> call) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index", e);
        }
    }

    /** The record stored in document {@code doc} of {@code searcher}'s view. */
    public ImageRecord record(IndexSearcher searcher, int doc) throws IOException {
        Document document = searcher.storedFields().document(doc, EVENT_FIELDS);
        return state(document).record();
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
        if (broken) {
            throw new IllegalStateException("an earlier batch failed; reopen the index");
        }
        if (records.isEmpty()) {
            return new BatchOutcome(0, 0, 0);
        }
        try {
            int applied = 0;
            int ignored = 0;
            int malformed = 0;
            Map<TopicPartition, Long> offsets = new HashMap<>(committedOffsets);
            Map<ImageId, State> changed = new LinkedHashMap<>();
            IndexSearcher searcher = searchers.acquire();
            try {
                for (ConsumerRecord<String, byte[]> record : records) {
                    offsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                    EventReader.Reading reading = EventReader.read(record.value());
                    if (reading instanceof EventReader.Event event) {
                        ImageId id = event.event().id();
                        State current = changed.containsKey(id) ? changed.get(id) : stored(searcher, id);
                        changed.put(id, current.with(event.event(), record.value()));
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
            for (Map.Entry<ImageId, State> entry : changed.entrySet()) {
                writer.updateDocument(new Term(IndexFields.ID, entry.getKey().value()), document(entry.getKey(), entry.getValue()));
            }
            writer.setLiveCommitData(commitData(offsets).entrySet());
            // Readers see the batch first: refreshing does not need the commit's fsync. Should the
            // commit fail, the batch is applied again from the committed offsets after a restart.
            searchers.maybeRefreshBlocking();
            for (ImageId id : changed.keySet()) {
                changeListeners.forEach(listener -> listener.accept(id));
            }
            writer.commit();
            committedOffsets = Map.copyOf(offsets);
            return new BatchOutcome(applied, ignored, malformed);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Commits what is applied (nothing, normally: every batch commits) and closes the index. */
    @Override
    public void close() {
        try {
            try {
                searchers.close();
            } finally {
                try {
                    if (!broken && writer.isOpen()) {
                        writer.commit();
                    }
                } finally {
                    writer.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index", e);
        } finally {
            closeQuietly(directory);
            analyzer.close();
        }
    }

    /** The latest upload and outcome of one image, as stored JSON and as events. */
    private record State(ImageId id, byte[] uploadedJson, ImageUploaded uploaded, byte[] outcomeJson, ImageEvent outcome) {
        static State empty(ImageId id) {
            return new State(id, null, null, null, null);
        }

        State with(ImageEvent event, byte[] json) {
            // Events of one image on one topic arrive in the order they were published (key = id),
            // so the later one is the latest; upload and outcome are on different topics and merge.
            if (event instanceof ImageUploaded upload) {
                return new State(id, json, upload, outcomeJson, outcome);
            }
            if (outcome instanceof ImageRemoved) {
                // Removal is final: a late or repeated processor event must not bring the image back.
                return this;
            }
            return new State(id, uploadedJson, uploaded, json, event);
        }

        ImageRecord record() {
            return ImageRecord.of(uploaded, outcome);
        }
    }

    private State stored(IndexSearcher searcher, ImageId id) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id.value())), 1);
        if (top.scoreDocs.length == 0) {
            return State.empty(id);
        }
        return state(searcher.storedFields().document(top.scoreDocs[0].doc, EVENT_FIELDS));
    }

    private static State state(Document document) {
        BytesRef uploaded = document.getBinaryValue(IndexFields.UPLOADED_JSON);
        BytesRef outcome = document.getBinaryValue(IndexFields.OUTCOME_JSON);
        ImageUploaded upload = uploaded == null ? null : (ImageUploaded) Json.read(bytes(uploaded), ImageEvent.class);
        ImageEvent answer = outcome == null ? null : Json.read(bytes(outcome), ImageEvent.class);
        ImageId id = upload != null ? upload.id() : answer.id();
        return new State(id, uploaded == null ? null : bytes(uploaded), upload, outcome == null ? null : bytes(outcome), answer);
    }

    private static Document document(ImageId id, State state) {
        ImageRecord record = state.record();
        Document doc = new Document();
        doc.add(new StringField(IndexFields.ID, id.value(), Field.Store.YES));
        doc.add(new SortedDocValuesField(IndexFields.ID_SORT, new BytesRef(id.value())));
        doc.add(new StringField(IndexFields.STATUS, record.status(), Field.Store.NO));
        if (record.uploadedAt() != null) {
            doc.add(new NumericDocValuesField(IndexFields.UPLOADED_AT, record.uploadedAt().toEpochMilli()));
        }
        if (state.uploadedJson() != null) {
            doc.add(new StoredField(IndexFields.UPLOADED_JSON, state.uploadedJson()));
        }
        if (state.outcomeJson() != null) {
            doc.add(new StoredField(IndexFields.OUTCOME_JSON, state.outcomeJson()));
        }
        addText(doc, IndexFields.DESCRIPTION, record.description());
        addText(doc, IndexFields.HEADLINE, record.headline());
        addText(doc, IndexFields.TITLE, record.title());
        record.keywords().forEach(keyword -> addText(doc, IndexFields.KEYWORDS, keyword));
        record.creator().forEach(creator -> addText(doc, IndexFields.CREATOR, creator));
        addText(doc, IndexFields.CREDIT, record.credit());
        addText(doc, IndexFields.SOURCE, record.source());
        for (String place : new String[] {record.city(), record.state(), record.country(), record.location()}) {
            addText(doc, IndexFields.PLACE, place);
        }
        return doc;
    }

    private static void addText(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
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

    private static byte[] bytes(BytesRef ref) {
        byte[] copy = new byte[ref.length];
        System.arraycopy(ref.bytes, ref.offset, copy, 0, ref.length);
        return copy;
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
