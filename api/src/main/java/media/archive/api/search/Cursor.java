package media.archive.api.search;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import media.archive.contracts.ImageId;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Where a page of results ended: the sort value of its last hit (the score, or the upload time)
 * and that image's id, which breaks ties. The id is used instead of Lucene's document number
 * because document numbers change when segments merge, while ids do not, so a cursor stays
 * valid while the index grows. Encoded as URL-safe base64 of a small binary layout:
 * version, kind, value, the id's 32 bytes.
 */
record Cursor(boolean byRelevance, float score, long uploadedAt, String id) {
    private static final byte VERSION = 1;
    private static final byte RELEVANCE = 'r';
    private static final byte NEWEST = 'n';
    private static final int ID_BYTES = 32;
    private static final int MAX_TEXT = 64;

    /** The cursor after {@code hit}, whose fields are [score or upload time, id]. */
    static Cursor after(FieldDoc hit, boolean byRelevance) {
        String id = ((BytesRef) hit.fields[1]).utf8ToString();
        return byRelevance
                ? new Cursor(true, (Float) hit.fields[0], 0, id)
                : new Cursor(false, 0, (Long) hit.fields[0], id);
    }

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(2 + (byRelevance ? Float.BYTES : Long.BYTES) + ID_BYTES);
        buffer.put(VERSION).put(byRelevance ? RELEVANCE : NEWEST);
        if (byRelevance) {
            buffer.putFloat(score);
        } else {
            buffer.putLong(uploadedAt);
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
        if (bytes.length < 2 || bytes[0] != VERSION || (bytes[1] != RELEVANCE && bytes[1] != NEWEST)) {
            throw invalid();
        }
        boolean byRelevance = bytes[1] == RELEVANCE;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        if (buffer.remaining() != (byRelevance ? Float.BYTES : Long.BYTES) + ID_BYTES) {
            throw invalid();
        }
        float score = byRelevance ? buffer.getFloat() : 0;
        long uploadedAt = byRelevance ? 0 : buffer.getLong();
        if (!Float.isFinite(score)) {
            throw invalid();
        }
        byte[] id = new byte[ID_BYTES];
        buffer.get(id);
        return new Cursor(byRelevance, score, uploadedAt, ImageId.fromDigest(id).value());
    }

    /** The position to search after, in an index of {@code maxDoc} documents. */
    FieldDoc toFieldDoc(int maxDoc) {
        Object value = byRelevance ? (Object) score : (Object) uploadedAt;
        // Ids are unique, so only the cursor's own image ties on every sort field; the highest
        // document number makes sure it is skipped wherever it sits now.
        return new FieldDoc(Math.max(0, maxDoc - 1), score, new Object[] {value, new BytesRef(id)});
    }

    private static InvalidSearchException invalid() {
        return new InvalidSearchException("cursor is not valid; start again without one");
    }
}
