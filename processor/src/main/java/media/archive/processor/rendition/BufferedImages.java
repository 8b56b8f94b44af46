package media.archive.processor.rendition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;

/** Brings decoded pictures, whatever their colour model, into the one JPEG renditions are made from. */
final class BufferedImages {
    private BufferedImages() {
    }

    /** Whether {@code image} has grey levels only (one colour channel, with or without alpha). */
    static boolean isGrey(BufferedImage image) {
        ColorModel model = image.getColorModel();
        return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
    }

    /** {@link #opaque(BufferedImage, Color)} on white. */
    static BufferedImage opaqueSrgb(BufferedImage image) {
        return opaque(image, Color.WHITE);
    }

    /**
     * {@code image} as opaque 8-bit pixels ready for JPEG: grey pictures stay grey (one channel),
     * everything else becomes sRGB. Pictures in another RGB profile (Adobe RGB, Display P3,
     * ProPhoto) are converted; transparency is laid on {@code background}, what a page shows
     * behind it; 16-bit and indexed pictures are drawn into 8 bits.
     */
    static BufferedImage opaque(BufferedImage image, Color background) {
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        if (isGrey(image)) {
            if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                return image;
            }
            return draw(image, BufferedImage.TYPE_BYTE_GRAY, background);
        }
        if ((image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR)
                && space.isCS_sRGB()) {
            return image;
        }
        if (!model.hasAlpha() && space.getType() == ColorSpace.TYPE_RGB && !space.isCS_sRGB()) {
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            return new ColorConvertOp(null).filter(image, rgb);
        }
        if (model.hasAlpha() && space.getType() == ColorSpace.TYPE_RGB && !space.isCS_sRGB()) {
            // Convert the colours first, keeping alpha, then lay the result on the background.
            BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            image = new ColorConvertOp(null).filter(image, argb);
        }
        return draw(image, BufferedImage.TYPE_INT_RGB, background);
    }

    private static BufferedImage draw(BufferedImage image, int type, Color background) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
