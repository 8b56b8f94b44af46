package media.archive.api.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.platform.http.ApiException;
import media.archive.platform.storage.ObjectStore;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes the {@code ?w=} variants of an image: on first request, from the narrowest rendition at
 * least as wide (or from the original when no rendition is), stored in S3 beside the renditions
 * under {@code renditions/<id>/w<width>.jpg}, so every replica makes each variant at most once
 * and later requests only read it. Thread-safe.
 */
final class WidthVariants {
    private static final float JPEG_QUALITY = 0.82f;

    private final ObjectStore store;

    WidthVariants(ObjectStore store) {
        this.store = store;
    }

    /** The JPEG of {@code record} at {@code width} pixels (at most its widest source), read from S3 or made now. */
    RenditionCache.Body jpeg(ImageRecord record, int width) {
        int actual = ServedSizes.variantWidth(record, width);
        String key = ObjectKeys.rendition(record.id(), "w" + width, "jpg");
        Optional<byte[]> stored = store.readAll(key);
        if (stored.isPresent()) {
            return new RenditionCache.Body(stored.get(), "image/jpeg");
        }
        byte[] made = make(record, actual, ServedSizes.heightFor(record, actual));
        store.putBytes(key, made, "image/jpeg");
        return new RenditionCache.Body(made, "image/jpeg");
    }

    private byte[] make(ImageRecord record, int width, int height) {
        Optional<Rendition> source = record.renditions().stream()
                .filter(r -> r.width() >= width && "image/jpeg".equals(r.contentType()))
                .min(Comparator.comparingInt(Rendition::width));
        String key;
        if (source.isPresent()) {
            key = source.get().key();
        } else if (ServedSizes.originalUsable(record) && record.metadata().width() >= width) {
            key = ObjectKeys.original(record.id());
        } else {
            key = ServedSizes.largest(record).orElseThrow().key();
        }
        BufferedImage image;
        try (InputStream in = store.open(key).orElseThrow(() -> ApiException.notFound("image " + record.id() + " lost its pictures"))) {
            image = ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
        if (image == null) {
            throw ApiException.notFound("image " + record.id() + " has no picture this size can be made from");
        }
        try {
            BufferedImage scaled = Thumbnails.of(image).forceSize(width, height).imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
            return encodeJpeg(scaled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scale image " + record.id(), e);
        }
    }

    private static byte[] encodeJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
