package media.archive.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body, cut off after {@code limit} bytes. Crossing the limit fails the read and is
 * remembered, so the caller can tell "too large" from a malformed body whatever exception the
 * multipart parser wraps it in. Not thread-safe: one request, one reader.
 */
final class CappedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean crossed;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean limitCrossed() {
        return crossed;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > limit) {
            crossed = true;
            throw new IOException("request body is larger than " + limit + " bytes");
        }
    }
}
