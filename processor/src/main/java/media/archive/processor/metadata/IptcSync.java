package media.archive.processor.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Whether a file's IPTC-IIM block is still the one its XMP was synchronised with. XMP-aware
 * software stores the MD5 of the IIM block it wrote (Photoshop resource 0x0425, "IPTC digest");
 * when the block no longer has that digest, an IIM-only tool changed it afterwards and, per MWG,
 * its values win over XMP.
 */
enum IptcSync {
    /** No IIM block: XMP (if any) is all there is. */
    ABSENT,
    /** IIM without a stored digest (or one we cannot check): XMP is preferred where it has a value. */
    UNCHECKED,
    /** The stored digest matches: IIM and XMP say the same, XMP is preferred. */
    SYNCED,
    /** The stored digest does not match: IIM was edited last and is preferred. */
    CHANGED;

    /** Whether XMP wins over IPTC-IIM where both have a value. */
    boolean xmpPreferred() {
        return this != CHANGED;
    }

    /**
     * Compares the stored digest with the MD5 of {@code currentBlock}, the IIM block as stored in
     * the file (null when it could not be located, as in formats other than JPEG).
     */
    static IptcSync of(Metadata metadata, byte[] currentBlock) {
        if (metadata.getFirstDirectoryOfType(IptcDirectory.class) == null) {
            return ABSENT;
        }
        PhotoshopDirectory photoshop = metadata.getFirstDirectoryOfType(PhotoshopDirectory.class);
        byte[] stored = photoshop == null ? null : photoshop.getByteArray(PhotoshopDirectory.TAG_CAPTION_DIGEST);
        if (stored == null || stored.length != 16 || currentBlock == null) {
            return UNCHECKED;
        }
        if (Arrays.equals(stored, md5(currentBlock)) || Arrays.equals(stored, md5(withoutTrailingZeros(currentBlock)))) {
            return SYNCED;
        }
        return CHANGED;
    }

    /** Photoshop pads resources to an even length; some writers digest the block without the pad. */
    private static byte[] withoutTrailingZeros(byte[] block) {
        int end = block.length;
        while (end > 0 && block[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(block, end);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
