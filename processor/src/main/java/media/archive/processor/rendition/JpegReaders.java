package media.archive.processor.rendition;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Picks the fastest faithful JPEG decoder. TwelveMonkeys' reader is needed for CMYK, YCCK and
 * embedded ICC profiles (it converts them to sRGB), but for the common JPEG (YCbCr or grey,
 * sRGB or untagged) it adds its own colour pass to the JDK's libjpeg decoder it wraps: decoding
 * such files with the JDK reader directly takes about a third less time and gives the same pixels.
 */
final class JpegReaders {
    private JpegReaders() {
    }

    /**
     * Whether {@code reader} (TwelveMonkeys', its input set) holds a JPEG whose every offered
     * picture type is sRGB or grey: no colour profile or CMYK for TwelveMonkeys to convert.
     */
    static boolean isPlainJpeg(ImageReader reader) {
        try {
            if (!"jpeg".equalsIgnoreCase(reader.getFormatName())
                    || !reader.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return false;
            }
            for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
                ColorSpace space = types.next().getColorModel().getColorSpace();
                if (!space.isCS_sRGB() && space.getType() != ColorSpace.TYPE_GRAY) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The picture decoded by the JDK's own JPEG reader, or null when there is none or it gave up
     * (TwelveMonkeys then tries, as it tolerates more broken files).
     */
    static BufferedImage readWithJdk(ImageInputStream in, int step, List<String> warnings,
                                     IIOReadProgressListener watchdog) {
        ImageReader jdk = null;
        for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg"); readers.hasNext(); ) {
            ImageReader candidate = readers.next();
            if (jdk == null && candidate.getClass().getName().startsWith("com.sun.imageio.")) {
                jdk = candidate;
            } else {
                candidate.dispose();
            }
        }
        if (jdk == null) {
            return null;
        }
        try {
            in.seek(0);
            jdk.setInput(in, true, true);
            jdk.addIIOReadWarningListener((source, warning) -> warnings.add("decoder: " + warning));
            jdk.addIIOReadProgressListener(watchdog);
            BufferedImage image = jdk.read(0, RenditionMaker.subsampled(jdk, step));
            return image != null && image.getColorModel().getNumColorComponents() != 2 ? image : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            jdk.dispose();
        }
    }
}
