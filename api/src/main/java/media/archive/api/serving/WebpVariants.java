package media.archive.api.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.ObjectKeys;
import media.archive.platform.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebP versions of the JPEG pictures, for browsers that {@code Accept} them: made on first
 * request from the JPEG, stored in S3 beside it ({@code renditions/<id>/<variant>.webp}).
 * The encoder is libwebp through {@code com.github.usefulness:webp-imageio}, whose jar carries
 * the native library for the common platforms; {@link #load} answers empty where it does not
 * work, and the archive then serves JPEG only. Thread-safe.
 */
final class WebpVariants {
    private static final Logger LOG = LoggerFactory.getLogger(WebpVariants.class);
    /** Lossy quality that keeps WebP about a quarter smaller than the JPEG at quality 82. */
    private static final float QUALITY = 0.80f;

    private final ObjectStore store;

    private WebpVariants(ObjectStore store) {
        this.store = store;
    }

    /** The WebP maker, when the encoder works on this machine: tried once on a tiny picture. */
    static Optional<WebpVariants> load(ObjectStore store) {
        try {
            encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
            return Optional.of(new WebpVariants(store));
        } catch (Exception | LinkageError e) {
            LOG.warn("no WebP encoder on this machine ({}); pictures are served as JPEG only", e.toString());
            return Optional.empty();
        }
    }

    /** The WebP of {@code variant} (a rendition name or {@code w640}), read from S3 or made now from {@code jpeg}. */
    RenditionCache.Body webp(ImageRecord record, String variant, Supplier<byte[]> jpeg) {
        String key = ObjectKeys.rendition(record.id(), variant, "webp");
        Optional<byte[]> stored = store.readAll(key);
        if (stored.isPresent()) {
            return new RenditionCache.Body(stored.get(), "image/webp");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.get()));
            if (image == null) {
                throw new IOException("the JPEG of " + variant + " cannot be read");
            }
            byte[] made = encode(image);
            store.putBytes(key, made, "image/webp");
            return new RenditionCache.Body(made, "image/webp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the WebP of " + record.id() + " " + variant, e);
        }
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/webp");
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for image/webp");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Lossy");
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
