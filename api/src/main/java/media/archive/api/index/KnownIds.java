package media.archive.api.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The 64-bit hashes of every image id the index may hold a document of. An id whose hash is
 * absent has certainly no document, so applying its first event needs no index lookup: when
 * rebuilding from the topics that is every image's first event. A hash that is present may be
 * another id's (a false positive costs one lookup, never a wrong answer). About 16 bytes per
 * image. Used by the writing thread only.
 */
final class KnownIds {
    private static final long EMPTY = 0L;
    private long[] slots = new long[1 << 12];
    private int size;

    /** The ids of every document in {@code reader}, deleted ones included (harmless: a lookup finds nothing). */
    static KnownIds of(IndexReader reader) throws IOException {
        KnownIds known = new KnownIds();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(IndexFields.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum ids = terms.iterator();
            for (BytesRef id = ids.next(); id != null; id = ids.next()) {
                known.add(hash(id.bytes, id.offset, id.length));
            }
        }
        return known;
    }

    boolean mayContain(String id) {
        long hash = hash(id);
        int mask = slots.length - 1;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == EMPTY) {
                return false;
            }
            if (slot == hash) {
                return true;
            }
        }
    }

    void add(String id) {
        add(hash(id));
    }

    int size() {
        return size;
    }

    private void add(long hash) {
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == hash) {
                return;
            }
            if (slot == EMPTY) {
                slots[i] = hash;
                size++;
                return;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long hash : old) {
            if (hash != EMPTY) {
                add(hash);
            }
        }
    }

    private static long hash(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length);
    }

    /** FNV-1a over the UTF-8 bytes, mixed (so the low bits spread), never {@link #EMPTY}. */
    private static long hash(byte[] bytes, int offset, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = offset; i < offset + length; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == EMPTY ? 1L : h;
    }
}
