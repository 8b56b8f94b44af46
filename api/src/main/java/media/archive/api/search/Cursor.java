package media.archive.api.search;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import media.archive.api.index.IndexFields;
import media.archive.contracts.ImageId;
import org.apache.lucene.search.FieldDoc;

/**
 * Where a page of results ended: the order it was sorted in, the sort value of its last hit (the
 * score, the upload time or the time taken) and that image's id, which breaks ties. The id is
 * used instead of Lucene's document number because document numbers change when segments merge,
 * while ids do not, so a cursor stays valid while the index grows. Encoded as URL-safe base64 of
 * a small binary layout: version, kind, value, the id's 32 bytes.
 */
record Cursor(SearchRequest.Sort sort, float score, long time, String id) {
    private static final byte VERSION = 1;
    private static final byte RELEVANCE = 'r';
    private static final byte UPLOADED = 'n';
    private static final byte TAKEN = 't';
    private static final int ID_BYTES = 32;
    private static final int MAX_TEXT = 64;

    /** The cursor after {@code hit} of image {@code id}, whose fields are [score or time, id key]. */
    static Cursor after(FieldDoc hit, SearchRequest.Sort sort, String id) {
        return sort == SearchRequest.Sort.RELEVANCE
                ? new Cursor(sort, (Float) hit.fields[0], 0, id)
                : new Cursor(sort, 0, (Long) hit.fields[0], id);
    }

    String encode() {
        boolean byScore = sort == SearchRequest.Sort.RELEVANCE;
        ByteBuffer buffer = ByteBuffer.allocate(2 + (byScore ? Float.BYTES : Long.BYTES) + ID_BYTES);
        buffer.put(VERSION).put(switch (sort) {
            case RELEVANCE -> RELEVANCE;
            case UPLOADED -> UPLOADED;
            case TAKEN -> TAKEN;
        });
        if (byScore) {
            buffer.putFloat(score);
        } else {
            buffer.putLong(time);
        }
        buffer.put(HexFormat.of().parseHex(id));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** Reads a cursor a client sent back; throws {@link InvalidSearchException} when it is not one of ours. */
    static Cursor decode(String text) {
        if (text.length() > MAX_TEXT) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length < 2 || bytes[0] != VERSION) {
            throw invalid();
        }
        SearchRequest.Sort sort = switch (bytes[1]) {
            case RELEVANCE -> SearchRequest.Sort.RELEVANCE;
            case UPLOADED -> SearchRequest.Sort.UPLOADED;
            case TAKEN -> SearchRequest.Sort.TAKEN;
            default -> throw invalid();
        };
        boolean byScore = sort == SearchRequest.Sort.RELEVANCE;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        if (buffer.remaining() != (byScore ? Float.BYTES : Long.BYTES) + ID_BYTES) {
            throw invalid();
        }
        float score = byScore ? buffer.getFloat() : 0;
        long time = byScore ? 0 : buffer.getLong();
        if (!Float.isFinite(score)) {
            throw invalid();
        }
        byte[] id = new byte[ID_BYTES];
        buffer.get(id);
        return new Cursor(sort, score, time, ImageId.fromDigest(id).value());
    }

    /** The position to search after, in an index of {@code maxDoc} documents. */
    FieldDoc toFieldDoc(int maxDoc) {
        Object value = sort == SearchRequest.Sort.RELEVANCE ? (Object) score : (Object) time;
        // Ids are unique, so only the cursor's own image ties on every sort field; the highest
        // document number makes sure it is skipped wherever it sits now.
        return new FieldDoc(Math.max(0, maxDoc - 1), score, new Object[] {value, IndexFields.idKey(id)});
    }

    private static InvalidSearchException invalid() {
        return new InvalidSearchException("cursor is not valid; start again without one");
    }
}
