package media.archive.ingest.upload;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * A large upload made on the fly: a real JPEG's bytes, then pseudo-random bytes up to
 * {@code size}, so the test never holds the file itself. When {@code pauseAt} bytes have been
 * handed out it runs {@code atPause} once, before handing out more; that is how a test looks at
 * the server while the upload is still under way. Tracks the SHA-256 of what it produced.
 */
final class GeneratedJpeg extends InputStream {
    private final byte[] head;
    private final long size;
    private final long pauseAt;
    private final Runnable atPause;
    private final Random random = new Random(42);
    private final MessageDigest sha256;
    private long position;
    private boolean paused;

    GeneratedJpeg(byte[] head, long size, long pauseAt, Runnable atPause) {
        this.head = head;
        this.size = size;
        this.pauseAt = pauseAt;
        this.atPause = atPause;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        if (!paused && position >= pauseAt) {
            paused = true;
            atPause.run();
        }
        long limit = paused ? size : pauseAt;
        int n = (int) Math.min(length, limit - position);
        if (position < head.length) {
            n = (int) Math.min(n, head.length - position);
            System.arraycopy(head, (int) position, buffer, offset, n);
        } else {
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
        }
        sha256.update(buffer, offset, n);
        position += n;
        return n;
    }

    /** The SHA-256 of every byte produced; call after the stream was read to its end. */
    String sha256() {
        if (position != size) {
            throw new IllegalStateException("read " + position + " of " + size + " bytes");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
