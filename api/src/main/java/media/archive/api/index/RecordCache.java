package media.archive.api.index;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import media.archive.contracts.ImageRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/**
 * The records of the documents searches return, read once per segment and document: reading a
 * record means reading its events' JSON and merging them, the greater part of answering a page.
 * A segment's documents never change (an updated image is a new document elsewhere), so a
 * record read once serves every later view that still has the segment. Bounded; thread-safe.
 */
final class RecordCache {
    /** How many records are kept: a few KB each. */
    private static final int MAX_CACHED_RECORDS = 20_000;

    private final ConcurrentMap<Key, ImageRecord> records = new ConcurrentHashMap<>();

    /** The record stored in document {@code doc} of {@code searcher}'s view. */
    ImageRecord record(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        Key key = core == null ? null : new Key(core.getKey(), doc - leaf.docBase);
        ImageRecord record = key == null ? null : records.get(key);
        if (record != null) {
            return record;
        }
        Document document = searcher.storedFields().document(doc, ImageState.STORED_FIELDS);
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

    private record Key(Object segment, int doc) {
    }
}
