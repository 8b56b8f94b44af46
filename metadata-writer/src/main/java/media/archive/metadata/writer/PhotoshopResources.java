package media.archive.metadata.writer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Photoshop image resources, the content of a JPEG's APP13 "Photoshop 3.0" segment
 * (<a href="https://www.adobe.com/devnet-apps/photoshop/fileformatashtml/#50577409_38034">Adobe,
 * Image Resource Blocks</a>): every resource kept byte for byte except the IPTC-IIM block (0x0404)
 * and its digest (0x0425), which are replaced together so that they agree.
 *
 * <p>The digest is the MD5 of the IIM resource's data, without the resource's padding byte: the
 * value Photoshop stores and ExifTool compares with its {@code CurrentIPTCDigest}; MWG readers
 * trust the XMP over the IIM only while the two match (MWG Guidelines 2.0).
 * Commons Imaging's resource parser is not used: it drops resources 0x043C-0x043F and refuses
 * resources larger than 32 KB, which would lose or block a file's thumbnail or layer data.
 */
final class PhotoshopResources {
    static final byte[] HEADER = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    static final int IPTC_IIM = 0x0404;
    static final int IPTC_DIGEST = 0x0425;
    private static final byte[] EIGHT_BIM = "8BIM".getBytes(StandardCharsets.US_ASCII);
    /** Signatures other programs use for their resources; kept as they are. */
    private static final List<String> SIGNATURES = List.of("8BIM", "PHUT", "AgHg", "DCSR", "MeSa");

    /** One resource: its id, whether it is Photoshop's own ("8BIM"), its data and its whole bytes. */
    record Resource(int id, boolean photoshop, byte[] data, byte[] whole) {
    }

    private PhotoshopResources() {
    }

    /** Whether {@code segment} (an APP13 payload) holds Photoshop resources. */
    static boolean isPhotoshop(byte[] segment) {
        return segment.length >= HEADER.length && Arrays.equals(segment, 0, HEADER.length, HEADER, 0, HEADER.length);
    }

    /**
     * The resources in {@code data} (the resource bytes without the header).
     *
     * @throws IllegalArgumentException when a resource is broken: such a block is not rewritten
     */
    static List<Resource> parse(byte[] data) {
        List<Resource> resources = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            if (data.length - at < 12) {
                if (allZero(data, at)) {
                    break; // trailing padding
                }
                throw new IllegalArgumentException("a Photoshop resource is cut short");
            }
            int start = at;
            String signature = new String(data, at, 4, StandardCharsets.ISO_8859_1);
            if (!SIGNATURES.contains(signature)) {
                throw new IllegalArgumentException("not a Photoshop resource signature");
            }
            int id = (data[at + 4] & 0xff) << 8 | data[at + 5] & 0xff;
            int nameLength = data[at + 6] & 0xff;
            at += 6 + ((1 + nameLength + 1) & ~1); // the Pascal name, padded to an even length
            if (data.length - at < 4) {
                throw new IllegalArgumentException("a Photoshop resource is cut short");
            }
            long size = (data[at] & 0xffL) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
            at += 4;
            if (size > data.length - at) {
                throw new IllegalArgumentException("a Photoshop resource is larger than its segment");
            }
            byte[] content = Arrays.copyOfRange(data, at, at + (int) size);
            at += (int) size;
            if ((size & 1) != 0 && at < data.length) {
                at++;
            }
            resources.add(new Resource(id, signature.equals("8BIM"), content, Arrays.copyOfRange(data, start, at)));
        }
        return resources;
    }

    /** The data of the IIM resource in {@code resources}, or null when there is none. */
    static byte[] iim(List<Resource> resources) {
        return resources.stream().filter(r -> r.photoshop() && r.id() == IPTC_IIM)
                .map(Resource::data).findFirst().orElse(null);
    }

    /**
     * The resource bytes (without header) of {@code resources} with {@code iim} as the IIM block
     * and its MD5 as the digest, each where the old one was (new ones at the end, the digest
     * after the IIM).
     */
    static byte[] withIim(List<Resource> resources, byte[] iim) {
        byte[] iimResource = resource(IPTC_IIM, iim);
        byte[] digestResource = resource(IPTC_DIGEST, md5(iim));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean iimWritten = false;
        boolean digestWritten = false;
        for (Resource r : resources) {
            if (r.photoshop() && r.id() == IPTC_IIM) {
                if (!iimWritten) {
                    out.writeBytes(iimResource);
                    iimWritten = true;
                }
            } else if (r.photoshop() && r.id() == IPTC_DIGEST) {
                if (!digestWritten && iimWritten) {
                    out.writeBytes(digestResource);
                    digestWritten = true;
                }
            } else {
                out.writeBytes(r.whole());
                if ((r.data().length & 1) != 0 && (r.whole().length & 1) != 0) {
                    out.write(0); // a last resource left unpadded: resources written after it must start even
                }
            }
        }
        if (!iimWritten) {
            out.writeBytes(iimResource);
        }
        if (!digestWritten) {
            out.writeBytes(digestResource);
        }
        return out.toByteArray();
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static byte[] resource(int id, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 14);
        out.writeBytes(EIGHT_BIM);
        out.write(id >> 8);
        out.write(id);
        out.write(0); // empty name
        out.write(0); // padding the name to an even length
        out.write(data.length >>> 24);
        out.write(data.length >> 16);
        out.write(data.length >> 8);
        out.write(data.length);
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static boolean allZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
