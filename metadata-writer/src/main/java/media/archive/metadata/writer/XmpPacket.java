package media.archive.metadata.writer;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
 *
 * <p>A served rendition gets a {@link #compact} packet instead: a new one with the archive's values
 * alone, kept within a byte budget, since it travels with every picture a page loads.
 */
final class XmpPacket {
    /** The largest packet a JPEG APP1 segment holds (65535 less length, XMP namespace and NUL). */
    static final int MAX_IN_JPEG = 65_502;
    private static final String X_DEFAULT = XMPConst.X_DEFAULT;
    /** PLUS, the Picture Licensing Universal System: IPTC Extension takes Licensor from it. */
    static final String NS_PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";

    static {
        try {
            if (XMPMetaFactory.getSchemaRegistry().getNamespacePrefix(NS_PLUS) == null) {
                XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_PLUS, "plus");
            }
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
        // Values the archive may not hold for every image: an absent one leaves the file's own.
        if (fields.webStatement() != null) {
            simple(meta, XMPConst.NS_XMP_RIGHTS, "WebStatement", fields.webStatement());
        }
        if (fields.licensorUrl() != null) {
            licensor(meta, fields.licensorUrl());
        }
        if (!fields.keywords().isEmpty()) {
            keywords(meta, fields.keywords());
        }
        simple(meta, XMPConst.NS_PHOTOSHOP, "LegacyIPTCDigest",
                iimDigest == null ? null : HexFormat.of().withUpperCase().formatHex(iimDigest));
        byte[] padded = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setUseCompactFormat(true).setPadding(2048));
        if (padded.length <= maxBytes) {
            return padded;
        }
        // XMPCore reads a padding of 0 as "the default" (2 KB): one byte is the least it writes.
        byte[] bare = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setUseCompactFormat(true).setPadding(1));
        return bare.length <= maxBytes ? bare : null;
    }

    /**
     * A new packet holding {@code fields} alone, as the IPTC Photo Metadata Standard places them and
     * Google Images reads them: {@code dc:creator}, {@code photoshop:Credit} (Credit Line),
     * {@code dc:rights} (Copyright Notice), {@code xmpRights:WebStatement},
     * {@code plus:Licensor/plus:LicensorURL}, and where given {@code xmpRights:UsageTerms},
     * {@code photoshop:Headline}, {@code dc:description}, {@code dc:subject}. Without packet padding
     * and within {@code maxBytes}: when the values do not fit, the optional {@code x:xmpmeta} element
     * goes first, then keywords, then the caption is
     * shortened, then the headline and usage terms go, then credit and copyright are shortened.
     * Null when nothing at all fits, or there is nothing to write.
     */
    static byte[] compact(WrittenMetadata fields, int maxBytes) throws XMPException {
        WrittenMetadata trying = fields;
        while (!trying.isEmpty()) {
            XMPMeta meta = build(trying);
            byte[] packet = serializeCompact(meta, false);
            if (packet.length <= maxBytes) {
                return packet;
            }
            // The x:xmpmeta element is optional (ISO 16684-1, 7.3.3): 70 bytes for values before any is shed.
            packet = serializeCompact(meta, true);
            if (packet.length <= maxBytes) {
                return packet;
            }
            trying = shed(trying);
        }
        return null;
    }

    /** {@code fields} with a little less in them: the least needed value shortened or left out. */
    private static WrittenMetadata shed(WrittenMetadata f) {
        if (!f.keywords().isEmpty()) {
            return new WrittenMetadata(f.description(), f.headline(), f.creators(), f.credit(), f.copyright(), f.usageTerms(),
                    f.instructions(), f.webStatement(), f.licensorUrl(), f.keywords().subList(0, f.keywords().size() - 1));
        }
        if (f.description() != null) {
            return new WrittenMetadata(shorter(f.description()), f.headline(), f.creators(), f.credit(), f.copyright(),
                    f.usageTerms(), f.instructions(), f.webStatement(), f.licensorUrl(), List.of());
        }
        if (f.headline() != null || f.usageTerms() != null || f.instructions() != null) {
            return new WrittenMetadata(null, null, f.creators(), f.credit(), f.copyright(), null, null,
                    f.webStatement(), f.licensorUrl(), List.of());
        }
        if (f.creators().size() > 1) {
            return new WrittenMetadata(null, null, f.creators().subList(0, f.creators().size() - 1), f.credit(), f.copyright(),
                    null, null, f.webStatement(), f.licensorUrl(), List.of());
        }
        if (f.copyright() != null || f.credit() != null) {
            return new WrittenMetadata(null, null, f.creators(), shorter(f.credit()), shorter(f.copyright()), null, null,
                    f.webStatement(), f.licensorUrl(), List.of());
        }
        // An address cut short would lead nowhere: it goes whole or not at all.
        if (f.licensorUrl() != null || f.webStatement() != null) {
            return new WrittenMetadata(null, null, f.creators(), null, null, null, null, null, null, List.of());
        }
        String creator = shorter(f.creators().get(0));
        return new WrittenMetadata(null, null, creator == null ? List.of() : List.of(creator), null, null, null, null, null, null,
                List.of());
    }

    /** About the first half of {@code text}, ended at a whole character; null when little is left. */
    private static String shorter(String text) {
        if (text == null) {
            return null;
        }
        int half = text.getBytes(StandardCharsets.UTF_8).length / 2;
        if (half < 8) {
            return null;
        }
        return new String(IimBlock.truncated(text, half), StandardCharsets.UTF_8).strip() + "…";
    }

    private static XMPMeta build(WrittenMetadata fields) throws XMPException {
        XMPMeta meta = XMPMetaFactory.create();
        for (String creator : fields.creators()) {
            meta.appendArrayItem(XMPConst.NS_DC, "creator", new PropertyOptions().setArrayOrdered(true), creator, null);
        }
        simple(meta, XMPConst.NS_PHOTOSHOP, "Credit", fields.credit());
        localized(meta, XMPConst.NS_DC, "rights", fields.copyright());
        simple(meta, XMPConst.NS_XMP_RIGHTS, "WebStatement", fields.webStatement());
        if (fields.licensorUrl() != null) {
            licensor(meta, fields.licensorUrl());
        }
        localized(meta, XMPConst.NS_XMP_RIGHTS, "UsageTerms", fields.usageTerms());
        simple(meta, XMPConst.NS_PHOTOSHOP, "Headline", fields.headline());
        localized(meta, XMPConst.NS_DC, "description", fields.description());
        simple(meta, XMPConst.NS_PHOTOSHOP, "Instructions", fields.instructions());
        if (!fields.keywords().isEmpty()) {
            keywords(meta, fields.keywords());
        }
        return meta;
    }

    private static byte[] serializeCompact(XMPMeta meta, boolean withoutXmpMeta) throws XMPException {
        // Without the packet wrapper (its padding is for editing in place, and JPEG's APP1 and WebP's
        // chunk say where the packet is) and without indentation: about 130 bytes kept for values.
        return XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setUseCompactFormat(true).setOmitPacketWrapper(true)
                .setOmitXmpMetaElement(withoutXmpMeta).setIndent(""));
    }

    /** {@code plus:Licensor}, a bag of licensors; the archive names one, by its URL. */
    private static void licensor(XMPMeta meta, String url) throws XMPException {
        meta.deleteProperty(NS_PLUS, "Licensor");
        meta.appendArrayItem(NS_PLUS, "Licensor", new PropertyOptions().setArray(true), null, new PropertyOptions().setStruct(true));
        meta.setStructField(NS_PLUS, "Licensor[1]", NS_PLUS, "LicensorURL", url);
    }

    private static void keywords(XMPMeta meta, List<String> keywords) throws XMPException {
        meta.deleteProperty(XMPConst.NS_DC, "subject");
        for (String keyword : new ArrayList<>(keywords)) {
            meta.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), keyword, null);
        }
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
