package media.archive.processor.metadata;

/**
 * How much XMP the reader hands to the XML parser. Adobe's XMPCore checks every new child of a
 * node against its siblings, so parsing takes time growing with the square of the items of one
 * array: 100,000 keywords took more than two minutes on one core here, 5,000 a third of a second.
 * A packet with more tags than {@link #MAX_TAGS} is left out with a warning before it is parsed;
 * the file's IPTC and EXIF are still read.
 */
final class XmpLimits {
    /**
     * Most tags ({@code <} characters) of the XMP of one file: room for about 5,000 elements, far
     * more than the credits, captions and keywords of any photograph carry.
     */
    static final int MAX_TAGS = 10_000;

    private XmpLimits() {
    }

    /** How many tags {@code packet} opens or closes, counted up to just past {@link #MAX_TAGS}. */
    static int tags(byte[] packet, int from) {
        int count = 0;
        for (int i = from; i < packet.length && count <= MAX_TAGS; i++) {
            // '<' is the same byte in UTF-8, and one of the two bytes of each UTF-16 code unit.
            if (packet[i] == '<') {
                count++;
            }
        }
        return count;
    }

    static String warning(String where, int tags) {
        return "XMP " + where + " with more than " + Math.min(tags, MAX_TAGS) + " tags left out: above the "
                + MAX_TAGS + " read of one file";
    }
}
