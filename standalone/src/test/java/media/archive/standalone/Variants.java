package media.archive.standalone;

import java.nio.charset.StandardCharsets;

/** Real photographs made into as many different images as a test needs: new bytes, the same picture. */
final class Variants {
    private Variants() {
    }

    /**
     * JPEG {@code jpeg} with a comment segment ({@code COM}) naming {@code n} right after its
     * start-of-image marker: another file (so another image id), decoded exactly as the original.
     */
    static byte[] of(byte[] jpeg, int n) {
        if (jpeg.length < 2 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        byte[] text = ("variant " + n).getBytes(StandardCharsets.US_ASCII);
        int length = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xd8;
        out[2] = (byte) 0xff;
        out[3] = (byte) 0xfe;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }
}
