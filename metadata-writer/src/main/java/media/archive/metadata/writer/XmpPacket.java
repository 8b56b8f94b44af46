package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import java.util.HexFormat;

/**
 * The XMP packet (<a href="https://www.adobe.com/devnet/xmp.html">XMP Specification Part 1,
 * ISO 16684-1</a>) of a written file, built with Adobe's XMPCore: the file's own packet with the
 * archive's properties set, so that its other properties (camera data, rights contacts, regions,
 * a link to extended XMP) stay. A packet that cannot be parsed is replaced by a new one: no
 * reader could use it anyway. XMPCore refuses DOCTYPE declarations, so entity tricks go nowhere.
 *
 * <p>Language alternatives ({@code dc:description}, {@code dc:rights}, {@code xmpRights:UsageTerms})
 * are written as their {@code x-default} item alone: the file's translations of an older caption
 * would otherwise contradict the archive's.
 */
final class XmpPacket {
    /** The largest packet a JPEG APP1 segment holds (65535 less length, XMP namespace and NUL). */
    static final int MAX_IN_JPEG = 65_502;
    private static final String X_DEFAULT = XMPConst.X_DEFAULT;

    private XmpPacket() {
    }

    /**
     * The packet to write: {@code old} (null when the file has none) with {@code fields} set, and
     * {@code photoshop:LegacyIPTCDigest} set to {@code iimDigest} (the MD5 of the IIM written
     * beside it) or removed when null. Padded for in-place editing when that still fits
     * {@code maxBytes}; null when even the unpadded packet does not.
     */
    static byte[] merge(byte[] old, WrittenMetadata fields, byte[] iimDigest, int maxBytes) throws XMPException {
        XMPMeta meta = parseOrNew(old);
        localized(meta, XMPConst.NS_DC, "description", fields.description());
        localized(meta, XMPConst.NS_DC, "rights", fields.copyright());
        localized(meta, XMPConst.NS_XMP_RIGHTS, "UsageTerms", fields.usageTerms());
        simple(meta, XMPConst.NS_PHOTOSHOP, "Headline", fields.headline());
        simple(meta, XMPConst.NS_PHOTOSHOP, "Credit", fields.credit());
        simple(meta, XMPConst.NS_PHOTOSHOP, "Instructions", fields.instructions());
        meta.deleteProperty(XMPConst.NS_DC, "creator");
        for (String creator : fields.creators()) {
            meta.appendArrayItem(XMPConst.NS_DC, "creator", new PropertyOptions().setArrayOrdered(true), creator, null);
        }
        simple(meta, XMPConst.NS_PHOTOSHOP, "LegacyIPTCDigest",
                iimDigest == null ? null : HexFormat.of().withUpperCase().formatHex(iimDigest));
        byte[] padded = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setUseCompactFormat(true).setPadding(2048));
        if (padded.length <= maxBytes) {
            return padded;
        }
        byte[] bare = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setUseCompactFormat(true).setPadding(0));
        return bare.length <= maxBytes ? bare : null;
    }

    private static XMPMeta parseOrNew(byte[] old) {
        if (old != null) {
            try {
                return XMPMetaFactory.parseFromBuffer(old);
            } catch (XMPException | RuntimeException unreadable) {
                // Replaced below by a packet that holds the archive's values.
            } catch (StackOverflowError deeplyNested) {
                // XMPCore walks the RDF tree recursively; a hostile nesting depth ends here, not in the server.
            }
        }
        return XMPMetaFactory.create();
    }

    private static void localized(XMPMeta meta, String namespace, String name, String value) throws XMPException {
        meta.deleteProperty(namespace, name);
        if (value != null) {
            meta.setLocalizedText(namespace, name, null, X_DEFAULT, value);
        }
    }

    private static void simple(XMPMeta meta, String namespace, String name, String value) throws XMPException {
        meta.deleteProperty(namespace, name);
        if (value != null) {
            meta.setProperty(namespace, name, value);
        }
    }
}
