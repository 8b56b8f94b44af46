package media.archive.processor.metadata;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.SuppliedMetadata;

/**
 * Reads an image file's embedded metadata into an {@link ImageMetadata} with
 * <a href="https://drewnoakes.com/code/exif/">metadata-extractor</a>: size as displayed (width
 * and height swapped for EXIF orientations 5-8), credits and captions reconciled across EXIF,
 * IPTC-IIM and XMP by the MWG rules, camera, GPS and colour profile, each value with its source in
 * {@code provenance}.
 *
 * <p>Broken metadata never fails a read: what cannot be parsed becomes an entry in
 * {@code warnings} and the rest is still returned. Thread-safe and reusable; it holds no state.
 */
public final class MetadataReader {
    private final NewsroomCleaning cleaning;

    /** A reader with every newsroom cleaning rule on and the default credit line. */
    public MetadataReader() {
        this(NewsroomCleaning.defaults());
    }

    /** A reader that cleans values by {@code cleaning}. */
    public MetadataReader(NewsroomCleaning cleaning) {
        this.cleaning = Objects.requireNonNull(cleaning, "cleaning");
    }

    /** What {@code file} carries, without values from an upload form. */
    public ImageMetadata read(Path file) {
        return read(file, SuppliedMetadata.NONE);
    }

    /**
     * What {@code file} carries, with {@code supplied} (typed by the photographer at upload) applied
     * on top: caption as description, creator, credit and keywords each win when present.
     */
    public ImageMetadata read(Path file, SuppliedMetadata supplied) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, supplied);
        } catch (IOException e) {
            Warnings warnings = new Warnings();
            warnings.add("file unreadable: " + e.getMessage());
            return new MetadataBuilder().build(cleaning, supplied, warnings.toList());
        }
    }

    /**
     * What the image in {@code in} carries, with {@code supplied} applied on top. Reads only as far
     * as the metadata goes: in a JPEG, the segments before the image data and none of the
     * compressed picture. The stream stays the caller's to close.
     */
    public ImageMetadata read(InputStream in, SuppliedMetadata supplied) {
        Warnings warnings = new Warnings();
        FileType type = FileType.Unknown;
        Metadata metadata = new Metadata();
        byte[] iptcBlock = null;
        try {
            BufferedInputStream buffered = new BufferedInputStream(in);
            type = FileTypeDetector.detectFileType(buffered);
            if (type == FileType.Jpeg) {
                JpegSegmentData segments = JpegSegments.read(buffered, warnings);
                JpegMetadataReader.processJpegSegmentData(metadata, JpegSegments.READERS, segments);
                iptcBlock = PhotoshopResources.iptcBlock(segments.getSegments(JpegSegmentType.APPD));
            } else if (type == FileType.Unknown) {
                buffered.mark(1);
                warnings.add(buffered.read() < 0 ? "the file is empty" : "file format not recognised; no metadata read");
            } else if (type == FileType.Png) {
                PngChunks.Read png = PngChunks.read(buffered, warnings);
                RawProfiles.Result expanded = RawProfiles.expand(png.metadata(), png.rawIptcProfile(), warnings);
                metadata = expanded.metadata();
                iptcBlock = expanded.iimBlock();
            } else if (type == FileType.Tiff) {
                metadata = XmpCheckingReaders.tiff(buffered, warnings);
            } else if (type == FileType.WebP) {
                metadata = XmpCheckingReaders.webp(buffered, warnings);
            } else {
                metadata = ImageMetadataReader.readMetadata(buffered, -1, type);
            }
        } catch (ImageProcessingException | IOException e) {
            warnings.add("metadata unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            // The parsers meet hostile bytes; a bug they trip over must not cost the image.
            warnings.add("metadata unreadable: " + e);
        } catch (StackOverflowError e) {
            // metadata-extractor follows TIFF IFD chains by recursion: 5,000 chained IFDs overflow
            // the stack. The error is thrown and caught on this thread, whose stack is unwound by
            // now; what was read before it is kept. Left uncaught, it would stop the processor.
            warnings.add("metadata unreadable: its " + type.getName() + " structure nests or chains deeper than can be followed");
        }
        for (Directory directory : metadata.getDirectories()) {
            for (String error : directory.getErrors()) {
                warnings.add(directory.getName() + ": " + error);
            }
        }

        MetadataBuilder builder = new MetadataBuilder();
        readPicture(metadata, type, builder, warnings);
        reconcile(metadata, iptcBlock, builder, warnings);
        return builder.build(cleaning, supplied, warnings.toList());
    }

    private static void readPicture(Metadata metadata, FileType type, MetadataBuilder builder, Warnings warnings) {
        Integer orientation = PictureFacts.orientation(metadata, warnings);
        builder.orientation(orientation);
        PictureFacts.Size size = PictureFacts.size(metadata, type, warnings);
        if (size == null) {
            if (type != FileType.Unknown) {
                warnings.add("no image size in the " + type.getName() + " header");
            }
        } else if (PictureFacts.swapsSides(orientation)) {
            builder.size(size.height(), size.width(), size.tag());
        } else {
            builder.size(size.width(), size.height(), size.tag());
        }
        GeoLocation position = PictureFacts.position(metadata, warnings);
        if (position != null) {
            builder.position(position.getLatitude(), position.getLongitude());
        }
        builder.iccProfile(PictureFacts.iccProfile(metadata));
    }

    private static void reconcile(Metadata metadata, byte[] iptcBlock, MetadataBuilder builder, Warnings warnings) {
        Candidates candidates = new Candidates(warnings);
        ExifCandidates.collect(metadata, candidates, warnings);
        IptcCandidates.collect(metadata, candidates, warnings);
        XmpCandidates.collect(metadata, candidates, warnings);
        MwgReconciler reconciler = new MwgReconciler(IptcSync.of(metadata, iptcBlock));
        for (Field<?> field : Field.ALL) {
            choose(reconciler, field, candidates, builder, warnings);
        }
    }

    private static <T> void choose(MwgReconciler reconciler, Field<T> field, Candidates candidates,
                                   MetadataBuilder builder, Warnings warnings) {
        reconciler.choose(field, candidates, warnings).ifPresent(chosen -> builder.set(field, chosen));
    }
}
