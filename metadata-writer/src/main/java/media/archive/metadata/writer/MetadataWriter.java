package media.archive.metadata.writer;

import java.util.Objects;

/**
 * Writes the archive's caption, headline, creators, credit, copyright, usage terms and special
 * instructions ({@link WrittenMetadata}) into a copy of an image file, so that an editor's change
 * travels with a downloaded file into the page layout system. The given bytes are never changed.
 *
 * <ul>
 *   <li><b>JPEG</b>: XMP (APP1) and IPTC-IIM (Photoshop's APP13 resources) with a matching
 *       IPTC digest: resource 0x0425 and XMP {@code photoshop:LegacyIPTCDigest} both hold the MD5 of
 *       the IIM block written, which tells Photoshop, ExifTool and every reader following the
 *       Metadata Working Group's <i>Guidelines for Handling Image Metadata</i> 2.0 that XMP and
 *       IIM agree. When the file has EXIF, its ImageDescription, Artist and Copyright are set too:
 *       MWG readers (and the archive's processor) take those three from EXIF first. The file's
 *       other XMP properties, IIM datasets and EXIF tags, its ICC profile and its image data are
 *       kept.</li>
 *   <li><b>PNG</b>: XMP in an {@code iTXt} chunk; PNG has no IIM.</li>
 *   <li>Anything else (WebP, TIFF, HEIC, AVIF ...) is answered unchanged, with
 *       {@link Result#written()} false.</li>
 * </ul>
 *
 * <p>XMP keeps every value whole. IIM limits its datasets' lengths (IIM 4.2: Caption 2000 bytes,
 * Headline and Special Instructions 256, Copyright Notice 128, By-line and Credit 32), so the IIM
 * copies are cut to those limits at the end of a character, counted in UTF-8 bytes (the block
 * declares UTF-8 in 1:90, so Bengali and Vietnamese survive). Usage terms have no IIM dataset.
 *
 * <p>The format is decided by the bytes, not by the content type. A broken or hostile file never
 * fails the caller: it is answered unchanged with {@code written} false and a note saying why.
 * Thread-safe.
 *
 * <p>{@link #stamp} is the other way out, for the pictures a website shows: the file's metadata is
 * replaced by a small block of the archive's own values, at most {@link #STAMP_BUDGET} bytes (XMP
 * in JPEG and WebP, EXIF Artist and Copyright in JPEG too).
 *
 * @see <a href="https://iptc.org/std/IIM/4.2/specification/IIMV4.2.pdf">IPTC-IIM 4.2</a>
 * @see <a href="https://www.iptc.org/std/photometadata/specification/IPTC-PhotoMetadata">IPTC Photo Metadata Standard</a>
 */
public final class MetadataWriter {
    /** The most bytes of metadata {@link #stamp} writes into one file, segment or chunk headers included. */
    public static final int STAMP_BUDGET = 1024;

    /**
     * What a write produced.
     *
     * @param bytes   the file to serve: with the metadata written in, or the given bytes unchanged
     * @param written whether the metadata was written
     * @param note    what was written, or why nothing was, in a sentence for logs
     */
    public record Result(byte[] bytes, boolean written, String note) {
        public Result {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * A copy of {@code file} with {@code fields} written in, or {@code file} itself when its format
     * takes no metadata here or its structure is broken.
     *
     * @param contentType the file's media type as the archive recorded it; only named in notes
     */
    public Result write(byte[] file, String contentType, WrittenMetadata fields) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fields, "fields");
        try {
            if (JpegMetadata.looksLike(file)) {
                byte[] withExif;
                String exifNote = "";
                try {
                    withExif = ExifFields.update(file, fields);
                } catch (Exception unreadableExif) {
                    // XMP and IIM still carry the values; only MWG readers that prefer EXIF see the old ones.
                    withExif = file;
                    exifNote = " (EXIF left as it was: " + unreadableExif.getMessage() + ")";
                }
                return new Result(new JpegMetadata().write(withExif, fields), true, "XMP and IPTC-IIM written" + exifNote);
            }
            if (PngMetadata.looksLike(file)) {
                return new Result(PngMetadata.write(file, fields), true, "XMP written (PNG has no place for IPTC-IIM)");
            }
            return unchanged(file, "nothing written: " + (contentType == null ? "this format" : contentType) + " takes no metadata here");
        } catch (Exception broken) {
            // Commons Imaging and XMPCore report broken structure with checked and unchecked
            // exceptions alike; whichever it is, the file is served as it is stored.
            return unchanged(file, "nothing written: the file's structure could not be rewritten: " + broken.getMessage());
        } catch (StackOverflowError deeplyNested) {
            return unchanged(file, "nothing written: the file's metadata is nested too deeply");
        }
    }

    /**
     * A copy of {@code file} (JPEG or WebP) that carries {@code fields} and nothing else: its own
     * metadata is dropped, what the pixels need is kept, and the archive's values are written in
     * at most {@link #STAMP_BUDGET} bytes of segments or chunks, headers included. JPEG gets EXIF
     * IFD0 Artist and Copyright and an XMP packet; WebP gets an {@code XMP } chunk in its RIFF
     * container. Values that do not all fit are shed as {@link XmpPacket#compact} says. With
     * {@link WrittenMetadata#NONE} the file is only stripped. Other formats and broken files are
     * answered unchanged with {@code written} false.
     */
    public Result stamp(byte[] file, WrittenMetadata fields) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fields, "fields");
        try {
            if (JpegMetadata.looksLike(file)) {
                return new Result(new RenditionJpeg().stamp(file, fields, STAMP_BUDGET), true, "EXIF and XMP stamped");
            }
            if (RenditionWebp.looksLike(file)) {
                // The VP8X header a simple file gains counts too: 18 bytes.
                byte[] xmp = XmpPacket.compact(fields, STAMP_BUDGET - 18 - RenditionWebp.CHUNK_OVERHEAD - 1);
                return new Result(RenditionWebp.stamp(file, xmp), true, "XMP stamped");
            }
            return unchanged(file, "nothing stamped: only JPEG and WebP are stamped");
        } catch (Exception broken) {
            return unchanged(file, "nothing stamped: the file's structure could not be rewritten: " + broken.getMessage());
        } catch (StackOverflowError deeplyNested) {
            return unchanged(file, "nothing stamped: the file's metadata is nested too deeply");
        }
    }

    /**
     * The compact XMP packet of {@code fields} alone (see {@link #stamp}), within {@code maxBytes};
     * null when there is nothing to write or nothing fits. For encoders that write their own segments.
     */
    public static byte[] compactXmp(WrittenMetadata fields, int maxBytes) {
        Objects.requireNonNull(fields, "fields");
        try {
            return XmpPacket.compact(fields, maxBytes);
        } catch (com.adobe.internal.xmp.XMPException e) {
            // XMPCore refuses only malformed names, and the names here are constants.
            throw new IllegalStateException("the XMP packet could not be written", e);
        }
    }

    private static Result unchanged(byte[] file, String note) {
        return new Result(file, false, note);
    }
}
